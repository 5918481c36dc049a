import type { APIPromise } from "../core/api-promise";
import { NotFoundError } from "../core/errors";
import type { PagePromise, PageResponse } from "../core/pagination";
import { APIResource, type Autopaginate, defineAutopaginate, type PageParams } from "../core/resource";
import type { EpochMs, RequestOptions } from "../core/types";
import { snapshot } from "../internal/snapshot";
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

// ---------------------------------------------------------------------------------------------------
// Params
// ---------------------------------------------------------------------------------------------------

/** Filter of `club.modules` (`GET /club/api/v1/modules`); the subdomain is the method's first argument. */
export interface ClubModulesParams {
  /** true: only the extra modules; false (Hotmart's default): only the main ones. */
  is_extra?: boolean | undefined;
}

/** Query of `club.pages` (`GET /club/api/v2/modules/{module_id}/pages`); without `product_id` Hotmart answers 422. */
export interface ClubPagesParams {
  /** Required: the numeric id of the Club's product (v2 pages take no subdomain). */
  product_id: number;
}

/** Query of the deprecated `club.pagesV1` (`GET /club/api/v1/modules/{module_id}/pages`, not in Hotmart's docs). */
export interface ClubPagesV1Params {
  /** Required: the Club subdomain. */
  subdomain: string;
}

/** Filter of `club.students` (`GET /club/api/v1/users`), plus paging; the subdomain is the method's first argument. */
export interface ClubStudentsParams extends PageParams {
  /** Full or partial e-mail: Hotmart also matches parts of addresses. */
  email?: string | undefined;
}

/** Which student `club.studentProgress` looks up. */
export interface ClubStudentProgressParams {
  /** The student's exact e-mail (compared case-insensitively). */
  student_email: string;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

/** One module of a Club (`club.modules`). */
export interface ClubModulesItem {
  /** The Club's module id (10 mixed-case characters, e.g. `j14okvB4pL`): what `club.pages` takes. */
  module_id: string;
  /** The module's title as students see it. */
  name: string;
  /** Display order. */
  sequence: number;
  /** A free module visible to people who have not bought. */
  is_public: boolean;
  /** An extra module (free or paid, apart from the main ones); the `is_extra` filter picks these. */
  is_extra: boolean;
  /** For extra modules: paid or free. */
  is_extra_paid: boolean;
  /** Ids of the classes (turmas) with access. */
  classes: string[];
  /** How many pages (lessons and other content) the module holds. */
  total_pages: number;
}

/** How many students gave a page one rating value (`rates` of a Club page). */
export interface ClubPageRate {
  /** 1 (bad) to 5 (excellent). */
  rate: number;
  /** How many ratings have that value. */
  total: number;
}

/** When a page is released to students (`liberation` of a dripping config); which field is set depends on `type`. */
export interface ClubPageLiberation {
  /** `BY_DATE` (see `liberation_date`), `BY_DAYS` (`liberation_days`) or `BY_QUIZ` (`page_id`). */
  type: ClubLiberationType;
  /** ISO-8601 string (not epoch ms), when `BY_DATE`. */
  liberation_date?: string;
  /** Days after purchase, when `BY_DAYS`. */
  liberation_days?: number;
  /** The quiz page to finish first, when `BY_QUIZ`. */
  page_id?: string;
}

/** When a released page stops being available (`expiration` of a dripping config). */
export interface ClubPageExpiration {
  /** Only `BY_DAYS` today. */
  type: ClubExpirationType;
  /** How many days the page stays available. */
  duration_days: number;
}

/** A class (turma) of students a dripping config applies to. */
export interface ClubPageClass {
  /** The class id (10 mixed-case characters), as in `classes` of a module and `class_id` of a student. */
  id: string;
  /** e.g. `DEFAULT_CLASS`. */
  name: string;
  /** Whether this is the Club's default class. */
  default_class: boolean;
}

/** When a page is released and when it expires, for some classes. */
export interface ClubDrippingConfig {
  /** When the page is released. */
  liberation: ClubPageLiberation;
  /** When the page expires; absent when it does not. */
  expiration?: ClubPageExpiration;
  /** Empty: every class. */
  classes: ClubPageClass[];
}

/** One page (lesson) of a module (`club.pages`, v2). */
export interface ClubPagesItem {
  /** The page id (10 mixed-case characters), as `page_id` of a student's lessons. */
  page_id: string;
  /** The page's title as students see it. */
  name: string;
  /** Order inside the module. */
  page_order: number;
  /** `CONTENT`, `ADVERTISEMENT`, `QUIZ` or `WEBINAR`. */
  type: ClubPageType;
  /** Whether the page is published (visible to students). */
  published: boolean;
  /** How many comments students left on the page. */
  total_comments: number;
  /** The mean rating, 1 to 5; 0 when nobody rated it (the docs' example). */
  rates_average: number;
  /** Ratings by value; empty when nobody rated the page. */
  rates: ClubPageRate[];
  /** Whether the page holds media (Hotmart documents only the flag). */
  has_media: boolean;
  /** Release and expiry schedules; may be empty. */
  dripping_configs: ClubDrippingConfig[];
}

/** One page from the legacy v1 endpoint, as older docs showed it; unverified, so every field is optional. */
export interface ClubPagesV1Item {
  /** The page id; absent from the older docs' example, so it may not come. */
  page_id?: string;
  /** The page's title. */
  name?: string;
  /** Order inside the module. */
  page_order?: number;
  /** `CONTENT`, `ADVERTISEMENT`, `QUIZ` or `WEBINAR`, as in v2. */
  type?: ClubPageType;
  /** How many comments students left on the page. */
  total_comments?: number;
  /** Whether the page holds media. */
  has_media?: boolean;
  /** An undocumented flag of the older docs' example (see `days_of_duration`). */
  has_duration?: boolean;
  /** How the page is released, flat here (v2: `dripping_configs[].liberation.type`). */
  liberation_type?: ClubLiberationType;
  /** Days after the purchase, when `liberation_type` is `BY_DAYS`. */
  liberation_days?: number;
  /** Epoch ms here (v2 sends an ISO string), when `liberation_type` is `BY_DATE`. */
  liberation_date?: EpochMs;
  /** How many days the page stays available (v2: `expiration.duration_days`). */
  days_of_duration?: number;
  /** Ratings by value, 1 to 5. */
  rates?: ClubPageRate[];
  /** Seen in another client's test data. */
  is_published?: boolean;
}

/** A member's progress over the whole Club (`progress` of `club.students`). */
export interface ClubStudentProgressSummary {
  /** Percentage of the Club's pages completed, 0 to 100 (e.g. `45.5`). */
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
  /** The member's name. */
  name: string;
  /** The member's e-mail, the `email` filter (which also matches partial addresses). */
  email: string;
  /** `STUDENT`, `FREE_STUDENT`, or a team role (`OWNER`, `ADMIN`, `CONTENT_EDITOR`, `MODERATOR`). */
  role: ClubRole;
  /** Absent when the student never accessed the Club. */
  first_access_date?: EpochMs;
  /** The member's latest access, epoch ms; absent when they never accessed the Club. */
  last_access_date?: EpochMs;
  /** e.g. `pt_BR`. */
  locale: string;
  /** The member's plus-access standing, e.g. `WITHOUT_PLUS_ACCESS`, `HOLDER`, `DEPENDENT`. */
  plus_access: ClubPlusAccess;
  /** Pages completed out of the Club's total, and the percentage. */
  progress: ClubStudentProgressSummary;
  /** `ACTIVE`, `BLOCKED`, `BLOCKED_BY_OWNER` or `OVERDUE`; `access.check` grants access only to `ACTIVE` members. */
  status: ClubUserStatus;
  /** Absent for free or imported students. */
  purchase_date?: EpochMs;
  /** How many times the member accessed the Club. */
  access_count: number;
  /** The student can be blocked. */
  is_deletable: boolean;
  /** The class (turma). */
  class_id: string;
  /** How the member got in: `BUYER`, `IMPORTED`, `FREE`, `OWNER` or `GUEST`. */
  type: ClubUserType;
  /** Hotmart's engagement rating, `NONE` to `VERY_HIGH`. */
  engagement: ClubEngagement;
}

/** One lesson and whether the student completed it. */
export interface ClubLessonsItem {
  /** The lesson's page id, as `page_id` of `club.pages`. */
  page_id: string;
  /** The lesson's title. */
  page_name: string;
  /** The title of the module that holds the lesson. */
  module_name: string;
  /** Whether that module is an extra module. */
  is_module_extra: boolean;
  /** Whether the student completed the lesson. */
  is_completed: boolean;
  /** Only when `is_completed`. */
  completed_date?: EpochMs;
}

/** `club.lessons`: one student's progress, lesson by lesson. */
export interface ClubLessonsResponse {
  /** The Club's lessons with the student's completion; not paginated. */
  lessons: ClubLessonsItem[];
}

/** `club.studentProgress`: the lessons of the student found by e-mail, and that student. */
export interface ClubStudentProgress extends ClubLessonsResponse {
  /** The member whose e-mail matched exactly (case-insensitive). */
  user: ClubStudentsItem;
}

/** The answer of `club.modules`: a bare array, not paginated. */
export type ClubModulesList = ClubModulesItem[];
/** The answer of `club.pages`: a bare array, not paginated. */
export type ClubPagesList = ClubPagesItem[];
/** The answer of the deprecated `club.pagesV1`: a bare array. */
export type ClubPagesV1List = ClubPagesV1Item[];
/** One page of `club.students`: `items` and `page_info` (with `total_results`). */
export type ClubStudentsPage = PageResponse<ClubStudentsItem>;

// ---------------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------------

// What each method sends, with its checks, is in club-requests.ts: loaded on the first call.
const requests = () => import("./club-requests");

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
   * const modules = await hotmart.club.modules("my_subdomain");
   */
  modules(
    subdomain: string,
    params?: ClubModulesParams,
    options?: RequestOptions,
  ): APIPromise<ClubModulesItem[]> {
    // The checks run after an await: they see the arguments as they were at the call.
    const paramsGiven = snapshot(params);
    return this._request(async () => (await requests()).modules(subdomain, paramsGiven), options);
  }

  /**
   * The pages of a module from the old v1 endpoint, by `subdomain` (the same as `pagesV1`). Declared
   * before the v2 form so that `Parameters<Club["pages"]>` and `ReturnType` give the v2 one.
   * @deprecated Hotmart replaced it with v2 and no longer documents it: use `pages(moduleId, { product_id })`.
   */
  pages(moduleId: string, params: ClubPagesV1Params, options?: RequestOptions): APIPromise<ClubPagesV1Item[]>;
  /**
   * The pages of a module (v2, a plain array). Takes `product_id`, required: the numeric id of the
   * Club's product.
   *
   * @example
   * const pages = await hotmart.club.pages("D64L09Q4JW", { product_id: 123456789 });
   */
  pages(moduleId: string, params: ClubPagesParams, options?: RequestOptions): APIPromise<ClubPagesItem[]>;
  pages(
    moduleId: string,
    params: ClubPagesParams | ClubPagesV1Params,
    options?: RequestOptions,
  ): APIPromise<ClubPagesItem[] | ClubPagesV1Item[]> {
    // The checks run after an await: they see the arguments as they were at the call.
    const paramsGiven = snapshot(params);
    return this._request(async () => (await requests()).pages(moduleId, paramsGiven), options);
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
    // The checks run after an await: they see the arguments as they were at the call.
    const paramsGiven = snapshot(params);
    return this._request(async () => (await requests()).pagesV1(moduleId, paramsGiven), options);
  }

  /**
   * The Club's members (`/club/api/v1/users`). Filter: `email` (Hotmart matches partial addresses:
   * compare it yourself); paging: `max_results`, `page_token`, `select`.
   *
   * @example
   * for await (const student of hotmart.club.students("my_subdomain")) console.log(student.email, student.progress);
   */
  students(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return this._list(async () => (await requests()).STUDENTS, params, options, subdomain);
  }

  /** `students` as an async generator (hotmart-python's `*_autopaginate` naming): every member of every page. */
  declare readonly studentsAutopaginate: Autopaginate<Club["students"]>;

  /**
   * Alias of `students`, after the endpoint's name (`/club/api/v1/users`). Filter: `email`; paging:
   * `max_results`, `page_token`, `select`.
   *
   * @example
   * const { items } = await hotmart.club.users("my_subdomain", { email: "caua.nogueira@example.com" });
   */
  users(
    subdomain: string,
    params?: ClubStudentsParams,
    options?: RequestOptions,
  ): PagePromise<ClubStudentsItem> {
    return this.students(subdomain, params, options);
  }

  /**
   * One student's lessons and completion, by the Club `user_id` from `students`.
   *
   * @example
   * const { lessons } = await hotmart.club.lessons("my_subdomain", "N2OM623N46");
   * const done = lessons.filter((l) => l.is_completed).length;
   */
  lessons(subdomain: string, userId: string, options?: RequestOptions): APIPromise<ClubLessonsResponse> {
    return this._request(async () => (await requests()).lessons(subdomain, userId), options);
  }

  /**
   * A student's lessons, found by e-mail: looks the student up with `students` (Hotmart matches partial
   * e-mails, so the SDK keeps only an exact, case-insensitive match), then fetches their `lessons`.
   * Rejects with NotFoundError (status 404, `error: "not_found"`, raised by the SDK) when no student has
   * exactly that e-mail.
   *
   * @example
   * const { user, lessons } = await hotmart.club.studentProgress("my_subdomain", { student_email: "caua.nogueira@example.com" });
   */
  async studentProgress(
    subdomain: string,
    params: ClubStudentProgressParams,
    options?: RequestOptions,
  ): Promise<ClubStudentProgress> {
    // The lookup and its message load with the other Club requests (club-requests.ts).
    const given = snapshot(params);
    const found = await (await requests()).studentProgress(this, subdomain, given, options);
    if (typeof found !== "string") return found;
    throw new NotFoundError({
      status: 404,
      headers: new Headers(),
      body: { error: "not_found", error_description: found },
      method: "GET",
      url: `${this._client.baseURL}/club/api/v1/users`,
      message: found,
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
    return (await requests()).findStudent(this, subdomain, email, options);
  }
}

defineAutopaginate(Club, ["students"]);
