import { Hono } from "hono";
import type { SimContext } from "../context";
import type { Club, ClubModule, ClubPage, ClubUser } from "../data/model";
import { ApiError, notFound } from "../errors";
import { type AppEnv, handle } from "../http";
import { paginate } from "../pagination";
import { containsText, type Query } from "../query";

function moduleItem(m: ClubModule) {
  return {
    module_id: m.id,
    name: m.name,
    sequence: m.sequence,
    is_public: m.isPublic,
    is_extra: m.isExtra,
    is_extra_paid: m.isExtraPaid,
    classes: m.classes,
    total_pages: m.pages.length,
  };
}

function ratesAverage(page: ClubPage): number {
  const count = page.rates.reduce((n, r) => n + r.total, 0);
  if (count === 0) return 0;
  return Math.round((page.rates.reduce((n, r) => n + r.rate * r.total, 0) / count) * 10) / 10;
}

function pageItem(page: ClubPage) {
  return {
    page_id: page.id,
    name: page.name,
    type: page.type,
    page_order: page.order,
    total_comments: page.totalComments,
    rates: page.rates,
    rates_average: ratesAverage(page),
    published: page.published,
    has_media: page.hasMedia,
    dripping_configs: page.dripping.map((d) => ({
      liberation: d.liberation,
      ...(d.expiration ? { expiration: d.expiration } : {}),
      classes: d.classes,
    })),
  };
}

/** The deprecated v1 shape (§8.5 M2-legacy): flat liberation fields, no page_id. */
function legacyPageItem(page: ClubPage) {
  const liberation = page.dripping[0]?.liberation;
  return {
    name: page.name,
    page_order: page.order,
    type: page.type,
    total_comments: page.totalComments,
    has_media: page.hasMedia,
    has_duration: page.durationDays !== undefined,
    ...(liberation ? { liberation_type: liberation.type } : {}),
    ...(liberation?.type === "BY_DAYS" ? { liberation_days: liberation.liberation_days } : {}),
    ...(liberation?.type === "BY_DATE" ? { liberation_date: Date.parse(liberation.liberation_date) } : {}),
    ...(page.durationDays !== undefined ? { days_of_duration: page.durationDays } : {}),
    rates: page.rates,
  };
}

function userItem(club: Club, user: ClubUser) {
  const total = club.modules.reduce((n, m) => n + m.pages.filter((p) => p.published).length, 0);
  const completed = user.completed.size;
  return {
    user_id: user.userId,
    name: user.name,
    email: user.email,
    role: user.role,
    ...(user.firstAccessDate !== undefined ? { first_access_date: user.firstAccessDate } : {}),
    ...(user.lastAccessDate !== undefined ? { last_access_date: user.lastAccessDate } : {}),
    locale: user.locale,
    plus_access: user.plusAccess,
    progress: {
      completed_percentage: total === 0 ? 0 : Math.round((completed / total) * 10_000) / 100,
      total,
      completed,
    },
    status: user.status,
    ...(user.purchaseDate !== undefined ? { purchase_date: user.purchaseDate } : {}),
    access_count: user.accessCount,
    is_deletable: user.isDeletable,
    class_id: user.classId,
    type: user.type,
    engagement: user.engagement,
  };
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const CLUB_BASE = "/club/api";

export function clubRoutes(ctx: SimContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  /** A missing subdomain is 422; an unknown one is 404 with Club's own code 0006 (OBS-ELO). */
  const clubOf = (q: Query): Club => {
    const subdomain = q.required("subdomain");
    const club = ctx.data.clubBySubdomain(subdomain.toLowerCase());
    if (!club) {
      const message = `Subdomain ${subdomain} does not exist`;
      throw new ApiError(404, "not_found", message, { code: "0006", message });
    }
    return club;
  };
  const moduleOf = (club: Club, id: string): ClubModule => {
    const module = club.modules.find((m) => sameId(m.id, id));
    if (!module) throw notFound(`Module ${id}`);
    return module;
  };

  app.get(
    "/v1/modules",
    handle((req) => {
      const club = clubOf(req.query);
      const extra = req.query.bool("is_extra") ?? false;
      return { body: club.modules.filter((m) => m.isExtra === extra).map(moduleItem) };
    }),
  );

  app.get(
    "/v2/modules/:module_id/pages",
    handle((req) => {
      req.query.required("product_id");
      const productId = req.query.int("product_id") as number;
      const club = ctx.data.clubOfProduct(productId);
      if (!club) throw notFound(`Club of product ${productId}`);
      const module = moduleOf(club, req.params.module_id ?? "");
      return { body: module.pages.map(pageItem) };
    }),
  );

  app.get(
    "/v1/modules/:module_id/pages",
    handle((req) => {
      const club = clubOf(req.query);
      const module = moduleOf(club, req.params.module_id ?? "");
      return { body: module.pages.map(legacyPageItem) };
    }),
  );

  app.get(
    "/v1/users",
    handle((req) => {
      const club = clubOf(req.query);
      const email = req.query.string("email");
      const matches = club.users.filter((u) => email === undefined || containsText(u.email, email));
      return {
        body: paginate(req.query, "club.users", matches, (u) => userItem(club, u), { totalResults: true }),
      };
    }),
  );

  app.get(
    "/v1/users/:user_id/lessons",
    handle((req) => {
      const club = clubOf(req.query);
      const id = req.params.user_id ?? "";
      const user = club.users.find((u) => sameId(u.userId, id));
      if (!user) throw notFound(`User ${id}`);
      const lessons = club.modules.flatMap((m) =>
        m.pages
          .filter((p) => p.published)
          .map((p) => {
            const done = user.completed.get(p.id);
            return {
              page_id: p.id,
              page_name: p.name,
              module_name: m.name,
              is_module_extra: m.isExtra,
              is_completed: done !== undefined,
              ...(done !== undefined ? { completed_date: done } : {}),
            };
          }),
      );
      return { body: { lessons } };
    }),
  );
  return app;
}
