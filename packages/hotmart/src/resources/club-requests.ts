/**
 * What each method of `client.club` sends: its path, its params and their checks. Imported on the
 * first call of one of its methods (club.ts), so an app loads it only when it uses club.
 */

import { HotmartInputError } from "../core/errors";
import { defineList } from "../core/list-definition";
import type { ResourceRequest } from "../core/resource";
import type { RequestOptions } from "../core/types";
import { checkOptions } from "../internal/options";
import { checkBodyParams, checkParams } from "../internal/params";
import { path } from "../internal/path";
import type {
  Club,
  ClubModulesParams,
  ClubPagesParams,
  ClubPagesV1Params,
  ClubStudentProgress,
  ClubStudentProgressParams,
  ClubStudentsItem,
  ClubStudentsParams,
} from "./club";
import { checkId, checkPositiveInt, isRecord, requireString, requireSubdomain } from "./input-checks";

const SUBDOMAIN = 'the Club subdomain (Club admin → Settings → Data → Host mapping), e.g. "my-course"';
const MODULE_ID = 'the module_id from club.modules, e.g. "j14okvB4pL"';

export const STUDENTS = defineList<ClubStudentsParams, ClubStudentsItem, [subdomain: string]>({
  call: "club.students",
  path: "/club/api/v1/users",
  query: (subdomain) => ({ subdomain: requireSubdomain(subdomain, SUBDOMAIN) }),
  schema: "ClubStudentsPage",
  stringMeans: "email",
  filters: { email: "value" },
});

const MODULES_RULES = { call: "club.modules", paged: false, filters: { is_extra: "value" } } as const;
const PAGES_RULES = { call: "club.pages", paged: false, filters: { product_id: "value" } } as const;
const PAGES_V1_RULES = { call: "club.pagesV1", paged: false, filters: { subdomain: "value" } } as const;

/** The request of `club.modules(subdomain, params)`, once its arguments pass their checks. */
export function modules(subdomain: string, params: undefined | ClubModulesParams): ResourceRequest {
  const sub = requireSubdomain(subdomain, SUBDOMAIN);
  return {
    call: "club.modules",
    method: "GET",
    path: path`/club/api/v1/modules`,
    query: { ...checkParams(MODULES_RULES, params), subdomain: sub },
    empty: () => [],
    // A bare array (§3): any other body is a fault, not a list of nothing.
    accept: Array.isArray,
    schema: "ClubModulesList",
  };
}

/**
 * The request of `club.pages(moduleId, params)`, once its arguments pass their checks. `{ subdomain }`
 * without `product_id` is the legacy v1 form (the Python SDK's), served by the v1 path as `pagesV1`.
 */
export function pages(moduleId: string, params: ClubPagesParams | ClubPagesV1Params): ResourceRequest {
  // A key given as undefined is absent, as in every params object (checkParams skips it).
  const given = (isRecord(params) ? params : {}) as Partial<ClubPagesParams & ClubPagesV1Params>;
  if (given.subdomain !== undefined) {
    if (given.product_id === undefined) return pagesV1(moduleId, params as ClubPagesV1Params);
    // Both: the generic "unknown parameter" advice (send subdomain through the query option) would ask
    // the v2 path with a subdomain it ignores. Say which form takes which.
    throw new HotmartInputError(
      "club.pages takes { product_id } (the v2 path) or { subdomain } (the legacy v1 path, as club.pagesV1), not both",
    );
  }
  checkId("moduleId", moduleId, MODULE_ID);
  const query = checkParams(PAGES_RULES, params);
  checkPositiveInt(
    "product_id",
    (params as ClubPagesParams | undefined)?.product_id,
    "the numeric id of the Club's product, e.g. { product_id: 1234567 }",
  );
  return {
    call: "club.pages",
    method: "GET",
    path: path`/club/api/v2/modules/${moduleId}/pages`,
    query,
    empty: () => [],
    // A bare array (§3): any other body is a fault, not a list of nothing.
    accept: Array.isArray,
    schema: "ClubPagesList",
  };
}

/** The request of `club.pagesV1(moduleId, params)`, once its arguments pass their checks. */
export function pagesV1(moduleId: string, params: ClubPagesV1Params): ResourceRequest {
  checkId("moduleId", moduleId, MODULE_ID);
  const query = checkParams(PAGES_V1_RULES, params);
  const subdomain = requireSubdomain(params?.subdomain, SUBDOMAIN);
  return {
    call: "club.pagesV1",
    method: "GET",
    path: path`/club/api/v1/modules/${moduleId}/pages`,
    query: { ...query, subdomain },
    empty: () => [],
    // A bare array (§3): any other body is a fault, not a list of nothing.
    accept: Array.isArray,
    schema: "ClubPagesV1List",
  };
}

/** The request of `club.lessons(subdomain, userId)`, once its arguments pass their checks. */
export function lessons(subdomain: string, userId: string): ResourceRequest {
  const sub = requireSubdomain(subdomain, SUBDOMAIN);
  checkId("userId", userId, 'the Club "user_id" from club.students, e.g. "Uv7wX8yZ9a"');
  return {
    call: "club.lessons",
    method: "GET",
    path: path`/club/api/v1/users/${userId}/lessons`,
    query: { subdomain: sub },
    empty: () => ({ lessons: [] }),
    schema: "ClubLessonsResponse",
    accept: (body) => isRecord(body) && Array.isArray((body as { lessons?: unknown }).lessons ?? []),
  };
}

/**
 * `club.studentProgress(subdomain, params)`: the student found by e-mail, then their lessons; or, when no
 * student has that e-mail, the message of the NotFoundError that club.ts raises. (The error is built
 * there: a lazily loaded module that used more of core/errors.ts would grow the webhook-only bundle.)
 */
export async function studentProgress(
  club: Club,
  subdomain: string,
  params: ClubStudentProgressParams,
  options: RequestOptions | undefined,
): Promise<ClubStudentProgress | string> {
  const sub = requireSubdomain(subdomain, SUBDOMAIN);
  // Closed like every params object: `{ studentEmail }` or the e-mail alone must not pass unnoticed.
  checkBodyParams(
    "club.studentProgress",
    params,
    ["student_email"],
    'club.studentProgress("my_subdomain", { student_email: "ana@example.com" })',
  );
  checkOptions("club.studentProgress", options);
  const email = requireString("student_email", params?.student_email, "the student's e-mail address");
  const found = await club.findStudent(sub, email, options);
  if ("user" in found) {
    const { lessons } = await club.lessons(sub, found.user.user_id, options);
    return { user: found.user, lessons };
  }
  return (
    `No Club student has the e-mail ${JSON.stringify(email)} in subdomain ${JSON.stringify(sub)}` +
    (found.partial > 0
      ? ` (Hotmart matched ${found.partial} other address${found.partial === 1 ? "" : "es"} partially)`
      : "") +
    ": check the address, or list club.students to see who is there"
  );
}

/** `club.findStudent(subdomain, email)`: walks `club.students` filtered by e-mail for an exact match. */
export async function findStudent(
  club: Club,
  subdomain: string,
  email: string,
  options: RequestOptions | undefined,
): Promise<{ user: ClubStudentsItem; calls: number } | { partial: number; calls: number }> {
  const wanted = requireString("email", email, "the student's e-mail address").toLowerCase();
  let partial = 0;
  let calls = 0;
  for await (const page of club.students(subdomain, { email }, options).pages()) {
    calls += 1;
    for (const user of page.items) {
      if (typeof user.email === "string" && user.email.trim().toLowerCase() === wanted)
        return { user, calls };
      partial += 1;
    }
  }
  return { partial, calls };
}
