import {
  type ClubLessonsResponse,
  type ClubModulesItem,
  type ClubPagesItem,
  type ClubPagesV1Item,
  type ClubStudentProgress,
  type ClubStudentsItem,
  NotFoundError,
  UnprocessableEntityError,
} from "hotmart";
import type { Club, ClubUser } from "hotmart-simulator";
import { describe, expect, it } from "vitest";
import { apiCalls, collect, failure, must, onlyCall, useSimulator } from "./helpers";

const ctx = useSimulator({ seed: 9 });

/** A generated Club (not the sandbox one), so the data is the simulator's own. */
const club = (): Club => must(ctx.sim.data.clubs[1], "second Club");
const publishedPages = (c: Club) => c.modules.flatMap((m) => m.pages.filter((p) => p.published));

describe("club.modules", () => {
  it("sends the subdomain; main modules by default, extra ones with is_extra=true", async () => {
    const { sim, client } = ctx;
    const c = sim.data.club;
    const main: ClubModulesItem[] = await client.club.modules(c.subdomain);
    expect(main.map((m) => m.module_id)).toEqual(c.modules.filter((m) => !m.isExtra).map((m) => m.id));
    const first = must(c.modules[0], "module");
    expect(main[0]).toEqual({
      module_id: first.id,
      name: first.name,
      sequence: first.sequence,
      is_public: first.isPublic,
      is_extra: false,
      is_extra_paid: first.isExtraPaid,
      classes: first.classes,
      total_pages: first.pages.length,
    });
    expect(onlyCall(sim)).toMatchObject({
      method: "GET",
      path: "/club/api/v1/modules",
      query: { subdomain: c.subdomain },
    });

    const extra = await client.club.modules(c.subdomain, { is_extra: true });
    expect(extra.map((m) => m.module_id)).toEqual(c.modules.filter((m) => m.isExtra).map((m) => m.id));
    expect(extra.length).toBeGreaterThan(0);
    expect(apiCalls(sim)[1]?.query).toEqual({ is_extra: "true", subdomain: c.subdomain });
  });

  it("an unknown subdomain is NotFoundError with Club's code", async () => {
    const { client } = ctx;
    const e = await failure(() => client.club.modules("no-such-club"), NotFoundError);
    expect(e.status).toBe(404);
    expect(e.body).toMatchObject({ code: "0006", message: "Subdomain no-such-club does not exist" });
  });
});

describe("club.pages", () => {
  it("v2: the pages of a module by product_id", async () => {
    const { sim, client } = ctx;
    const c = club();
    const module = must(c.modules[0], "module");
    const pages: ClubPagesItem[] = await client.club.pages(module.id, { product_id: c.product.id });
    expect(pages.map((p) => p.page_id)).toEqual(module.pages.map((p) => p.id));
    const page = must(module.pages[0], "page");
    expect(pages[0]).toMatchObject({
      page_id: page.id,
      name: page.name,
      page_order: page.order,
      type: page.type,
      published: page.published,
      has_media: page.hasMedia,
    });
    expect(onlyCall(sim)).toMatchObject({
      path: `/club/api/v2/modules/${module.id}/pages`,
      query: { product_id: String(c.product.id) },
    });
  });

  it("v1 (deprecated): the pages of a module by subdomain", async () => {
    const { sim, client } = ctx;
    const c = club();
    const module = must(c.modules[1], "module");
    const pages: ClubPagesV1Item[] = await client.club.pagesV1(module.id, { subdomain: c.subdomain });
    expect(pages.map((p) => p.name)).toEqual(module.pages.map((p) => p.name));
    expect(onlyCall(sim)).toMatchObject({
      path: `/club/api/v1/modules/${module.id}/pages`,
      query: { subdomain: c.subdomain },
    });
  });

  it("v1 through pages(moduleId, { subdomain }): the legacy v1 path, as pagesV1", async () => {
    // Issue 4: pages(moduleId, { subdomain }) on the legacy v1 path. It was refused with advice to send
    // subdomain through the query option, which would have asked the v2 path.
    const { sim, client } = ctx;
    const c = club();
    const module = must(c.modules[1], "module");
    const pages: ClubPagesV1Item[] = await client.club.pages(module.id, { subdomain: c.subdomain });
    expect(pages.map((p) => p.name)).toEqual(module.pages.map((p) => p.name));
    expect(onlyCall(sim)).toMatchObject({
      method: "GET",
      path: `/club/api/v1/modules/${module.id}/pages`,
      query: { subdomain: c.subdomain },
    });
  });

  it("the sandbox modules answer for the sandbox product id", async () => {
    const { sim, client } = ctx;
    const { clubProductId, moduleIds } = sim.data.sandbox;
    for (const id of moduleIds) {
      const pages = await client.club.pages(id.toUpperCase(), { product_id: clubProductId });
      expect(pages.length).toBeGreaterThan(0);
    }
  });
});

describe("club.students", () => {
  it("walks every student across pages; users() and studentsAutopaginate agree", async () => {
    const { sim, client } = ctx;
    const c = club();
    const items: ClubStudentsItem[] = await client.club.students(c.subdomain, { max_results: 25 }).toArray();
    expect(items.map((s) => s.user_id)).toEqual(c.users.map((u) => u.userId));
    const calls = apiCalls(sim);
    expect(calls).toHaveLength(Math.ceil(c.users.length / 25));
    expect(calls[0]).toMatchObject({
      path: "/club/api/v1/users",
      query: { max_results: "25", subdomain: c.subdomain },
    });
    const first = await client.club.students(c.subdomain, { max_results: 25 });
    expect(first.page_info.total_results).toBe(c.users.length);

    const viaUsers = await client.club.users(c.subdomain, { max_results: 25 }).toArray();
    const viaTwin = await collect(client.club.studentsAutopaginate(c.subdomain, { max_results: 25 }));
    expect(viaUsers).toEqual(items);
    expect(viaTwin).toEqual(items);
  });

  it("email matches partially on the server", async () => {
    const { sim, client } = ctx;
    const c = club();
    const items = await client.club.students(c.subdomain, { email: "caio" }).toArray();
    expect(items.map((s) => s.email)).toEqual(
      c.users.filter((u) => u.email.includes("caio")).map((u) => u.email),
    );
    expect(onlyCall(sim).query).toEqual({ email: "caio", subdomain: c.subdomain });
  });

  it("a missing subdomain on the wire is Hotmart's 422 (sent through the raw request)", async () => {
    const { client } = ctx;
    const e = await failure(() => client.request("GET", "/club/api/v1/users"), UnprocessableEntityError);
    expect(e.status).toBe(422);
  });
});

describe("club.lessons and studentProgress", () => {
  const withProgress = (): ClubUser =>
    must(
      club().users.find((u) => u.completed.size > 0),
      "student with completed lessons",
    );

  it("lessons: every published page with the student's completion", async () => {
    const { sim, client } = ctx;
    const c = club();
    const user = withProgress();
    const result: ClubLessonsResponse = await client.club.lessons(c.subdomain, user.userId);
    expect(result.lessons.map((l) => l.page_id)).toEqual(publishedPages(c).map((p) => p.id));
    const done = result.lessons.filter((l) => l.is_completed);
    expect(done.map((l) => l.page_id).sort()).toEqual([...user.completed.keys()].sort());
    for (const lesson of done) expect(lesson.completed_date).toBe(user.completed.get(lesson.page_id));
    expect(onlyCall(sim)).toMatchObject({
      path: `/club/api/v1/users/${user.userId}/lessons`,
      query: { subdomain: c.subdomain },
    });
  });

  it("studentProgress finds the student by exact e-mail (any case), then fetches the lessons", async () => {
    const { sim, client } = ctx;
    const c = club();
    const user = withProgress();
    const progress: ClubStudentProgress = await client.club.studentProgress(c.subdomain, {
      student_email: user.email.toUpperCase(),
    });
    expect(progress.user.user_id).toBe(user.userId);
    expect(progress.user.email).toBe(user.email);
    expect(progress.lessons.filter((l) => l.is_completed)).toHaveLength(user.completed.size);
    expect(apiCalls(sim).map((e) => [e.path, e.query])).toEqual([
      ["/club/api/v1/users", { email: user.email.toUpperCase(), subdomain: c.subdomain }],
      [`/club/api/v1/users/${user.userId}/lessons`, { subdomain: c.subdomain }],
    ]);
  });

  it("a partial match is not the student: NotFoundError, and no lessons request", async () => {
    const { sim, client } = ctx;
    const c = club();
    const user = withProgress();
    const partial = user.email.slice(1);
    expect(c.users.some((u) => u.email.toLowerCase() === partial.toLowerCase())).toBe(false);
    const e = await failure(
      () => client.club.studentProgress(c.subdomain, { student_email: partial }),
      NotFoundError,
    );
    expect(e.error).toBe("not_found");
    expect(e.message).toMatch(/matched 1 other address partially/);
    expect(apiCalls(sim).map((x) => x.path)).toEqual(["/club/api/v1/users"]);
  });

  it("the sandbox user ids answer", async () => {
    const { sim, client } = ctx;
    const { subdomain, userIds } = sim.data.sandbox;
    for (const id of userIds) {
      const { lessons } = await client.club.lessons(subdomain, id.toUpperCase());
      expect(lessons.length).toBeGreaterThan(0);
    }
  });
});
