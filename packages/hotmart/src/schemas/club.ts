/** Schemas of the Club (members area) endpoints (resources/club.ts, docs/api-notes.md §8.5). */
import { z } from "zod";
import {
  ClubEngagementSchema,
  ClubExpirationTypeSchema,
  ClubLiberationTypeSchema,
  ClubPageTypeSchema,
  ClubPlusAccessSchema,
  ClubRoleSchema,
  ClubUserStatusSchema,
  ClubUserTypeSchema,
} from "./enums";
import { bool, loose, num, optBool, optNum, optStr, type PageSchema, page, str } from "./shared";

// ---------------------------------------------------------------------------------------------------
// M1. modules (a bare array)
// ---------------------------------------------------------------------------------------------------

/**
 * `ClubModulesItem`: one module of a Club (`club.modules`): `module_id`, name, display `sequence`, visibility
 * flags, the classes (turmas) with access, `total_pages`.
 */
export const ClubModulesItemSchema = loose({
  module_id: str,
  name: str,
  sequence: num,
  is_public: bool,
  is_extra: bool,
  is_extra_paid: bool,
  classes: z.array(str),
  total_pages: num,
});

/** `ClubModulesItem[]`: the body of `club.modules` (GET /club/api/v1/modules), a bare array, not a page. */
export const ClubModulesListSchema = z.array(ClubModulesItemSchema);

// ---------------------------------------------------------------------------------------------------
// M2. pages, v2 (a bare array) and the legacy v1
// ---------------------------------------------------------------------------------------------------

/** `ClubPageRate`: how many ratings (`total`) a page got with one `rate`, from 1 (bad) to 5 (excellent). */
export const ClubPageRateSchema = loose({ rate: num, total: num });

/**
 * `ClubPageLiberation`: when a page is released: `type` `BY_DATE` (`liberation_date`, ISO), `BY_DAYS`
 * (`liberation_days` after purchase) or `BY_QUIZ` (`page_id` of the quiz to finish first).
 */
export const ClubPageLiberationSchema = loose({
  type: ClubLiberationTypeSchema,
  /** ISO-8601 string (not epoch ms), when `BY_DATE`. */
  liberation_date: optStr,
  liberation_days: optNum,
  page_id: optStr,
});

/** `ClubPageExpiration`: when access to a page expires: `type` `BY_DAYS` and `duration_days`. */
export const ClubPageExpirationSchema = loose({ type: ClubExpirationTypeSchema, duration_days: num });

/**
 * `ClubPageClass`: a class (turma) a dripping schedule applies to: `id`, `name` (e.g. `DEFAULT_CLASS`),
 * `default_class`.
 */
export const ClubPageClassSchema = loose({ id: str, name: str, default_class: bool });

/**
 * `ClubDrippingConfig`: a page's release (`liberation`) and expiry (`expiration`) schedule for some classes;
 * no classes means every class.
 */
export const ClubDrippingConfigSchema = loose({
  liberation: ClubPageLiberationSchema,
  expiration: ClubPageExpirationSchema.exactOptional(),
  classes: z.array(ClubPageClassSchema),
});

/**
 * `ClubPagesItem`: one page (lesson) of a module (`club.pages`, v2): id, name, order, type, published,
 * comments, ratings, dripping schedules.
 */
export const ClubPagesItemSchema = loose({
  page_id: str,
  name: str,
  page_order: num,
  type: ClubPageTypeSchema,
  published: bool,
  total_comments: num,
  rates_average: num,
  rates: z.array(ClubPageRateSchema),
  has_media: bool,
  dripping_configs: z.array(ClubDrippingConfigSchema),
});

/** `ClubPagesItem[]`: the body of `club.pages` (GET /club/api/v2/modules/{module_id}/pages), a bare array. */
export const ClubPagesListSchema = z.array(ClubPagesItemSchema);

/** The legacy v1 page, type PageSchema, unverified: every field optional. */
export const ClubPagesV1ItemSchema = loose({
  page_id: optStr,
  name: optStr,
  page_order: optNum,
  type: ClubPageTypeSchema.exactOptional(),
  total_comments: optNum,
  has_media: optBool,
  has_duration: optBool,
  liberation_type: ClubLiberationTypeSchema.exactOptional(),
  liberation_days: optNum,
  liberation_date: optNum,
  days_of_duration: optNum,
  rates: z.array(ClubPageRateSchema).exactOptional(),
  is_published: optBool,
});

/**
 * `ClubPagesV1Item[]`: the body of the deprecated `club.pagesV1` (GET
 * /club/api/v1/modules/{module_id}/pages), a bare array.
 */
export const ClubPagesV1ListSchema = z.array(ClubPagesV1ItemSchema);

// ---------------------------------------------------------------------------------------------------
// M3. students (/club/api/v1/users)
// ---------------------------------------------------------------------------------------------------

/**
 * `ClubStudentProgressSummary`: a student's progress in `club.students`: pages `completed` of `total`, and
 * `completed_percentage`.
 */
export const ClubStudentProgressSummarySchema = loose({
  completed_percentage: num,
  total: num,
  completed: num,
});

/**
 * `ClubStudentsItem`: one Club member of `club.students` (GET /club/api/v1/users): Club `user_id`, name,
 * e-mail, role, status, access dates (epoch ms), progress, class.
 */
export const ClubStudentsItemSchema = loose({
  user_id: str,
  name: str,
  email: str,
  role: ClubRoleSchema,
  first_access_date: optNum,
  last_access_date: optNum,
  locale: str,
  plus_access: ClubPlusAccessSchema,
  progress: ClubStudentProgressSummarySchema,
  status: ClubUserStatusSchema,
  purchase_date: optNum,
  access_count: num,
  is_deletable: bool,
  class_id: str,
  type: ClubUserTypeSchema,
  engagement: ClubEngagementSchema,
});

/** `ClubStudentsPage`: the body of `club.students`, `{ items, page_info }`. */
export const ClubStudentsPageSchema: PageSchema<typeof ClubStudentsItemSchema> = page(ClubStudentsItemSchema);

// ---------------------------------------------------------------------------------------------------
// M4. lessons
// ---------------------------------------------------------------------------------------------------

/**
 * `ClubLessonsItem`: one lesson of a student's progress (`club.lessons`): page and module names, whether
 * completed, and when (epoch ms).
 */
export const ClubLessonsItemSchema = loose({
  page_id: str,
  page_name: str,
  module_name: str,
  is_module_extra: bool,
  is_completed: bool,
  /** Only when `is_completed`. */
  completed_date: optNum,
});

/**
 * `ClubLessonsResponse`: the body of `club.lessons` (GET /club/api/v1/users/{user_id}/lessons): the student's
 * `lessons`, each with whether it is completed.
 */
export const ClubLessonsResponseSchema = loose({ lessons: z.array(ClubLessonsItemSchema) });
