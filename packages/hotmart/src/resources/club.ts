import { NotFoundError } from "../core/errors";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, autopaginate, type PageParams } from "../core/resource";
import type { EpochMs, RequestOptions } from "../core/types";
import { path } from "../internal/path";
import type { ExtraParams } from "./common";
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
import { checkId, checkPage, checkPositiveInt, guardPage, requireString } from "./validate";

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

export interface ClubModulesParams extends ExtraParams {
  /** true: only the extra modules; false (Hotmart's default): only the main ones. */
  is_extra?: boolean | undefined;
}

export interface ClubPagesParams extends ExtraParams {
  /** Required: the numeric id of the Club's product (v2 pages take no subdomain). */
  product_id: number;
}

export interface ClubPagesV1Params extends ExtraParams {
  /** Required: the Club subdomain. */
  subdomain: string;
}

export interface ClubStudentsParams extends PageParams, ExtraParams {
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

/**
 * The members area (`/club/api/...`). A Club is named by its `subdomain`, not by a product id: keep your
 * own product → subdomain map.
 */
export class Club extends APIResource {
  /** The Club's modules (a plain array). */
  async modules(
    subdomain: string,
    params?: ClubModulesParams,
    options?: RequestOptions,
  ): Promise<ClubModulesItem[]> {
    const sub = requireString("subdomain", subdomain, SUBDOMAIN);
    return this._request(
      {
        method: "GET",
        path: path`/club/api/v1/modules`,
        query: { ...params, subdomain: sub },
        empty: () => [],
        schema: "ClubModulesList",
      },
      options,
    );
  }

  /** The pages of a module (v2, a plain array). `product_id` is required. */
  async pages(moduleId: string, params: ClubPagesParams, options?: RequestOptions): Promise<ClubPagesItem[]> {
    checkId("moduleId", moduleId, MODULE_ID);
    checkPositiveInt(
      "product_id",
      params?.product_id,
      "the numeric id of the Club's product, e.g. { product_id: 1234567 }",
    );
    return this._request(
      {
        method: "GET",
        path: path`/club/api/v2/modules/${moduleId}/pages`,
        query: params,
        empty: () => [],
        schema: "ClubPagesList",
      },
      options,
    );
  }

  /**
   * The pages of a module from the old v1 endpoint (by subdomain).
   * @deprecated Hotmart replaced it with v2 and no longer documents it: use `pages(moduleId, { product_id })`.
   */
  async pagesV1(
    moduleId: string,
    params: ClubPagesV1Params,
    options?: RequestOptions,
  ): Promise<ClubPagesV1Item[]> {
    checkId("moduleId", moduleId, MODULE_ID);
    const subdomain = requireString("subdomain", params?.subdomain, SUBDOMAIN);
    return this._request(
      {
        method: "GET",
        path: path`/club/api/v1/modules/${moduleId}/pages`,
        query: { ...params, subdomain },
        empty: () => [],
        schema: "ClubPagesV1List",
      },
      options,
    );
  }

  /** The Club's members (`/club/api/v1/users`). `email` matches partially: compare it yourself. */
  students(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return guardPage(() => {
      const sub = requireString("subdomain", subdomain, SUBDOMAIN);
      return this._list<ClubStudentsItem>(
        path`/club/api/v1/users`,
        { ...checkPage(params), subdomain: sub },
        options,
        "ClubStudentsPage",
      );
    });
  }

  readonly studentsAutopaginate = autopaginate(this.students.bind(this));

  /** Alias of `students`, after the endpoint's name (`/club/api/v1/users`). */
  users(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return this.students(subdomain, params, options);
  }

  /** One student's lessons and completion, by the Club `user_id` from `students`. */
  async lessons(subdomain: string, userId: string, options?: RequestOptions): Promise<ClubLessonsResponse> {
    const sub = requireString("subdomain", subdomain, SUBDOMAIN);
    checkId("userId", userId, 'the Club "user_id" from club.students, e.g. "Uv7wX8yZ9a"');
    return this._request(
      {
        method: "GET",
        path: path`/club/api/v1/users/${userId}/lessons`,
        query: { subdomain: sub },
        empty: () => ({ lessons: [] }),
        schema: "ClubLessonsResponse",
      },
      options,
    );
  }

  /**
   * A student's lessons, found by e-mail: looks the student up with `students` (Hotmart matches partial
   * e-mails, so the SDK keeps only an exact, case-insensitive match), then fetches their `lessons`.
   * Throws NotFoundError (status 404, `error: "not_found"`, raised by the SDK) when no student has
   * exactly that e-mail.
   */
  async studentProgress(
    subdomain: string,
    params: ClubStudentProgressParams,
    options?: RequestOptions,
  ): Promise<ClubStudentProgress> {
    const sub = requireString("subdomain", subdomain, SUBDOMAIN);
    const email = requireString("student_email", params?.student_email, "the student's e-mail address");
    const wanted = email.toLowerCase();
    let partial = 0;
    for await (const user of this.students(sub, { email }, options)) {
      if (typeof user.email === "string" && user.email.trim().toLowerCase() === wanted) {
        const { lessons } = await this.lessons(sub, user.user_id, options);
        return { user, lessons };
      }
      partial += 1;
    }
    const message =
      `No Club student has the e-mail ${JSON.stringify(email)} in subdomain ${JSON.stringify(sub)}` +
      (partial > 0
        ? ` (Hotmart matched ${partial} other address${partial === 1 ? "" : "es"} partially)`
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
}
