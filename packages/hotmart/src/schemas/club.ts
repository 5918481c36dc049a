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

export const ClubModulesListSchema = z.array(ClubModulesItemSchema);

// ---------------------------------------------------------------------------------------------------
// M2. pages, v2 (a bare array) and the legacy v1
// ---------------------------------------------------------------------------------------------------

export const ClubPageRateSchema = loose({ rate: num, total: num });

export const ClubPageLiberationSchema = loose({
  type: ClubLiberationTypeSchema,
  /** ISO-8601 string (not epoch ms), when `BY_DATE`. */
  liberation_date: optStr,
  liberation_days: optNum,
  page_id: optStr,
});

export const ClubPageExpirationSchema = loose({ type: ClubExpirationTypeSchema, duration_days: num });

export const ClubPageClassSchema = loose({ id: str, name: str, default_class: bool });

export const ClubDrippingConfigSchema = loose({
  liberation: ClubPageLiberationSchema,
  expiration: ClubPageExpirationSchema.exactOptional(),
  classes: z.array(ClubPageClassSchema),
});

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

export const ClubPagesV1ListSchema = z.array(ClubPagesV1ItemSchema);

// ---------------------------------------------------------------------------------------------------
// M3. students (/club/api/v1/users)
// ---------------------------------------------------------------------------------------------------

export const ClubStudentProgressSummarySchema = loose({
  completed_percentage: num,
  total: num,
  completed: num,
});

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

export const ClubStudentsPageSchema: PageSchema<typeof ClubStudentsItemSchema> = page(ClubStudentsItemSchema);

// ---------------------------------------------------------------------------------------------------
// M4. lessons
// ---------------------------------------------------------------------------------------------------

export const ClubLessonsItemSchema = loose({
  page_id: str,
  page_name: str,
  module_name: str,
  is_module_extra: bool,
  is_completed: bool,
  /** Only when `is_completed`. */
  completed_date: optNum,
});

export const ClubLessonsResponseSchema = loose({ lessons: z.array(ClubLessonsItemSchema) });
