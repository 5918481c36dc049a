import type { APIPromise } from "../core/api-promise";
import { NotFoundError } from "../core/errors";
import type { PagePromise, PageResponse } from "../core/pagination";
import {
  APIResource,
  type Autopaginate,
  defineAutopaginate,
  defineList,
  type PageParams,
} from "../core/resource";
import type { EpochMs, RequestOptions } from "../core/types";
import { checkParams } from "../internal/params";
import { path } from "../internal/path";
import type {
  ClubEngagement,
  ClubExpirationType,
  ClubLiberationType,
  ClubPageType,
  ClubPlusAccess,
  ClubRole,
  ClubUserStatus,
  ClubUserType,
} from "./enums";
import { checkId, checkPositiveInt, requireString } from "./input-checks";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

export interface ClubModulesParams {
  /** true: only the extra modules; false (Hotmart's default): only the main ones. */
  is_extra?: boolean | undefined;
}

export interface ClubPagesParams {
  /** Required: the numeric id of the Club's product (v2 pages take no subdomain). */
  product_id: number;
}

export interface ClubPagesV1Params {
  /** Required: the Club subdomain. */
  subdomain: string;
}

export interface ClubStudentsParams extends PageParams {
  /** Full or partial e-mail: Hotmart also matches parts of addresses. */
  email?: string | undefined;
}

export interface ClubStudentProgressParams {
  /** The student's exact e-mail (compared case-insensitively). */
  student_email: string;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** One module of a Club (`club.modules`). */
export interface ClubModulesItem {
  module_id: string;
  name: string;
  /** Display order. */
  sequence: number;
  /** A free module visible to people who have not bought. */
  is_public: boolean;
  is_extra: boolean;
  /** For extra modules: paid or free. */
  is_extra_paid: boolean;
  /** Ids of the classes (turmas) with access. */
  classes: string[];
  total_pages: number;
}

export interface ClubPageRate {
  /** 1 (bad) to 5 (excellent). */
  rate: number;
  /** How many ratings have that value. */
  total: number;
}

export interface ClubPageLiberation {
  type: ClubLiberationType;
  /** ISO-8601 string (not epoch ms), when `BY_DATE`. */
  liberation_date?: string;
  /** Days after purchase, when `BY_DAYS`. */
  liberation_days?: number;
  /** The quiz page to finish first, when `BY_QUIZ`. */
  page_id?: string;
}

export interface ClubPageExpiration {
  type: ClubExpirationType;
  duration_days: number;
}

export interface ClubPageClass {
  id: string;
  /** e.g. `DEFAULT_CLASS`. */
  name: string;
  default_class: boolean;
}

/** When a page is released and when it expires, for some classes. */
export interface ClubDrippingConfig {
  liberation: ClubPageLiberation;
  expiration?: ClubPageExpiration;
  /** Empty: every class. */
  classes: ClubPageClass[];
}

/** One page (lesson) of a module (`club.pages`, v2). */
export interface ClubPagesItem {
  page_id: string;
  name: string;
  /** Order inside the module. */
  page_order: number;
  type: ClubPageType;
  published: boolean;
  total_comments: number;
  rates_average: number;
  rates: ClubPageRate[];
  has_media: boolean;
  /** Release and expiry schedules; may be empty. */
  dripping_configs: ClubDrippingConfig[];
}

/** One page from the legacy v1 endpoint, as older docs showed it; unverified, so every field is optional. */
export interface ClubPagesV1Item {
  page_id?: string;
  name?: string;
  page_order?: number;
  type?: ClubPageType;
  total_comments?: number;
  has_media?: boolean;
  has_duration?: boolean;
  liberation_type?: ClubLiberationType;
  liberation_days?: number;
  liberation_date?: EpochMs;
  days_of_duration?: number;
  rates?: ClubPageRate[];
  /** Seen in another client's test data. */
  is_published?: boolean;
}

export interface ClubStudentProgressSummary {
  completed_percentage: number;
  /** Pages in the Club. */
  total: number;
  /** Pages completed. */
  completed: number;
}

/** One Club member (`club.students`). */
export interface ClubStudentsItem {
  /** The Club user id, for `club.lessons` (not the sales `buyer.ucode`). */
  user_id: string;
  name: string;
  email: string;
  role: ClubRole;
  /** Absent when the student never accessed the Club. */
  first_access_date?: EpochMs;
  last_access_date?: EpochMs;
  /** e.g. `pt_BR`. */
  locale: string;
  plus_access: ClubPlusAccess;
  progress: ClubStudentProgressSummary;
  status: ClubUserStatus;
  /** Absent for free or imported students. */
  purchase_date?: EpochMs;
  access_count: number;
  /** The student can be blocked. */
  is_deletable: boolean;
  /** The class (turma). */
  class_id: string;
  type: ClubUserType;
  engagement: ClubEngagement;
}

/** One lesson and whether the student completed it. */
export interface ClubLessonsItem {
  page_id: string;
  page_name: string;
  module_name: string;
  is_module_extra: boolean;
  is_completed: boolean;
  /** Only when `is_completed`. */
  completed_date?: EpochMs;
}

/** `club.lessons`: one student's progress, lesson by lesson. */
export interface ClubLessonsResponse {
  lessons: ClubLessonsItem[];
}

/** `club.studentProgress`: the lessons of the student found by e-mail, and that student. */
export interface ClubStudentProgress extends ClubLessonsResponse {
  user: ClubStudentsItem;
}

export type ClubModulesList = ClubModulesItem[];
export type ClubPagesList = ClubPagesItem[];
export type ClubPagesV1List = ClubPagesV1Item[];
export type ClubStudentsPage = PageResponse<ClubStudentsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

const SUBDOMAIN = 'the Club subdomain (Club admin → Settings → Data → Host mapping), e.g. "my-course"';
const MODULE_ID = 'the module_id from club.modules, e.g. "j14okvB4pL"';

const STUDENTS = defineList<ClubStudentsParams, ClubStudentsItem, [subdomain: string]>({
  call: "club.students",
  path: "/club/api/v1/users",
  query: (subdomain) => ({ subdomain: requireString("subdomain", subdomain, SUBDOMAIN) }),
  schema: "ClubStudentsPage",
  stringMeans: "email",
  filters: { email: "value" },
});

const MODULES_RULES = { call: "club.modules", paged: false, filters: { is_extra: "value" } } as const;
const PAGES_RULES = { call: "club.pages", paged: false, filters: { product_id: "value" } } as const;
const PAGES_V1_RULES = { call: "club.pagesV1", paged: false, filters: { subdomain: "value" } } as const;

/**
 * The members area (`/club/api/...`). A Club is named by its `subdomain`, not by a product id: keep your
 * own product → subdomain map.
 */
export class Club extends APIResource {
  /**
   * The Club's modules (a plain array). Filter: `is_extra` (true: only the extra modules; Hotmart's
   * default: only the main ones).
   *
   * @example
   * const modules = await hotmart.club.modules("my-course");
   */
  modules(
    subdomain: string,
    params?: ClubModulesParams,
    options?: RequestOptions,
  ): APIPromise<ClubModulesItem[]> {
    return this._request(() => {
      const sub = requireString("subdomain", subdomain, SUBDOMAIN);
      return {
        call: "club.modules",
        method: "GET",
        path: path`/club/api/v1/modules`,
        query: { ...checkParams(MODULES_RULES, params), subdomain: sub },
        empty: () => [],
        schema: "ClubModulesList",
      };
    }, options);
  }

  /**
   * The pages of a module (v2, a plain array). Takes `product_id`, required: the numeric id of the
   * Club's product.
   *
   * @example
   * const pages = await hotmart.club.pages("j14okvB4pL", { product_id: 1234567 });
   */
  pages(moduleId: string, params: ClubPagesParams, options?: RequestOptions): APIPromise<ClubPagesItem[]> {
    return this._request(() => {
      checkId("moduleId", moduleId, MODULE_ID);
      const query = checkParams(PAGES_RULES, params);
      checkPositiveInt(
        "product_id",
        params?.product_id,
        "the numeric id of the Club's product, e.g. { product_id: 1234567 }",
      );
      return {
        call: "club.pages",
        method: "GET",
        path: path`/club/api/v2/modules/${moduleId}/pages`,
        query,
        empty: () => [],
        schema: "ClubPagesList",
      };
    }, options);
  }

  /**
   * The pages of a module from the old v1 endpoint (by subdomain).
   * @deprecated Hotmart replaced it with v2 and no longer documents it: use `pages(moduleId, { product_id })`.
   */
  pagesV1(
    moduleId: string,
    params: ClubPagesV1Params,
    options?: RequestOptions,
  ): APIPromise<ClubPagesV1Item[]> {
    return this._request(() => {
      checkId("moduleId", moduleId, MODULE_ID);
      const query = checkParams(PAGES_V1_RULES, params);
      const subdomain = requireString("subdomain", params?.subdomain, SUBDOMAIN);
      return {
        call: "club.pagesV1",
        method: "GET",
        path: path`/club/api/v1/modules/${moduleId}/pages`,
        query: { ...query, subdomain },
        empty: () => [],
        schema: "ClubPagesV1List",
      };
    }, options);
  }

  /**
   * The Club's members (`/club/api/v1/users`). Filter: `email` (Hotmart matches partial addresses:
   * compare it yourself); paging: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const student of hotmart.club.students("my-course")) console.log(student.email, student.progress);
   */
  students(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return this._list(STUDENTS, params, options, subdomain);
  }

  declare readonly studentsAutopaginate: Autopaginate<Club["students"]>;

  /** Alias of `students`, after the endpoint's name (`/club/api/v1/users`). */
  users(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return this.students(subdomain, params, options);
  }

  /** One student's lessons and completion, by the Club `user_id` from `students`. */
  lessons(subdomain: string, userId: string, options?: RequestOptions): APIPromise<ClubLessonsResponse> {
    return this._request(() => {
      const sub = requireString("subdomain", subdomain, SUBDOMAIN);
      checkId("userId", userId, 'the Club "user_id" from club.students, e.g. "Uv7wX8yZ9a"');
      return {
        call: "club.lessons",
        method: "GET",
        path: path`/club/api/v1/users/${userId}/lessons`,
        query: { subdomain: sub },
        empty: () => ({ lessons: [] }),
        schema: "ClubLessonsResponse",
      };
    }, options);
  }

  /**
   * A student's lessons, found by e-mail: looks the student up with `students` (Hotmart matches partial
   * e-mails, so the SDK keeps only an exact, case-insensitive match), then fetches their `lessons`.
   * Rejects with NotFoundError (status 404, `error: "not_found"`, raised by the SDK) when no student has
   * exactly that e-mail.
   *
   * @example
   * const { user, lessons } = await hotmart.club.studentProgress("my-course", { student_email: "ana@example.com" });
   */
  async studentProgress(
    subdomain: string,
    params: ClubStudentProgressParams,
    options?: RequestOptions,
  ): Promise<ClubStudentProgress> {
    const sub = requireString("subdomain", subdomain, SUBDOMAIN);
    const email = requireString("student_email", params?.student_email, "the student's e-mail address");
    const found = await this.findStudent(sub, email, options);
    if ("user" in found) {
      const { lessons } = await this.lessons(sub, found.user.user_id, options);
      return { user: found.user, lessons };
    }
    const message =
      `No Club student has the e-mail ${JSON.stringify(email)} in subdomain ${JSON.stringify(sub)}` +
      (found.partial > 0
        ? ` (Hotmart matched ${found.partial} other address${found.partial === 1 ? "" : "es"} partially)`
        : "") +
      ": check the address, or list club.students to see who is there";
    throw new NotFoundError({
      status: 404,
      headers: new Headers(),
      body: { error: "not_found", error_description: message },
      method: "GET",
      url: `${this._client.baseURL}/club/api/v1/users`,
      message,
    });
  }

  /**
   * @internal The student with exactly this e-mail (case-insensitive), and how many partial matches
   * Hotmart returned besides; `calls` counts the pages read.
   */
  async findStudent(
    subdomain: string,
    email: string,
    options?: RequestOptions,
  ): Promise<{ user: ClubStudentsItem; calls: number } | { partial: number; calls: number }> {
    const wanted = email.trim().toLowerCase();
    let partial = 0;
    let calls = 0;
    for await (const page of this.students(subdomain, { email }, options).pages()) {
      calls += 1;
      for (const user of page.items) {
        if (typeof user.email === "string" && user.email.trim().toLowerCase() === wanted)
          return { user, calls };
        partial += 1;
      }
    }
    return { partial, calls };
  }
}

defineAutopaginate(Club, ["students"]);
