import { HotmartInputError, NotFoundError } from "hotmart";
import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "../helpers/recording-server";
import {
  CLUB_LESSONS,
  CLUB_MODULES,
  CLUB_PAGES,
  CLUB_PAGES_V1,
  CLUB_STUDENT,
  CLUB_USERS,
  useRecordingServer,
} from "./fixtures";

const ctx = useRecordingServer();

describe("club.modules", () => {
  it("GETs /club/api/v1/modules?subdomain= and returns the bare array", async () => {
    ctx.server.on("GET", "/club/api/v1/modules", { body: CLUB_MODULES });
    const modules = await ctx.client().club.modules("my_subdomain", { is_extra: true });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/club/api/v1/modules");
    expect(req.query).toBe("is_extra=true&subdomain=my_subdomain");
    expect(modules).toEqual(CLUB_MODULES);
  });

  it("sends only the subdomain without params, and gives [] for {}", async () => {
    ctx.server.on("GET", "/club/api/v1/modules", { body: {} });
    await expect(ctx.client().club.modules("my_subdomain")).resolves.toEqual([]);
    expect(ctx.server.only().query).toBe("subdomain=my_subdomain");
  });
});

describe("club.pages", () => {
  it("GETs the v2 /club/api/v2/modules/{id}/pages?product_id=", async () => {
    ctx.server.on("GET", "/club/api/v2/modules/J14OKVB4PL/pages", { body: CLUB_PAGES });
    const pages = await ctx.client().club.pages("J14OKVB4PL", { product_id: 123456789 });
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/club/api/v2/modules/J14OKVB4PL/pages");
    expect(req.query).toBe("product_id=123456789");
    expect(pages).toEqual(CLUB_PAGES);
    expect(pages[0]?.dripping_configs[0]?.liberation).toEqual({ type: "BY_DAYS", liberation_days: 7 });
  });
  it("reads a key given as undefined as absent, as every params object does, to pick the v1 or v2 form", async () => {
    // { product_id: cfg.productId, subdomain: cfg.subdomain } with one of them unset: the key was there,
    // so { subdomain } with an undefined product_id was refused, advising the query option.
    ctx.server.on("GET", "/club/api/v1/modules/J14OKVB4PL/pages", { body: CLUB_PAGES_V1 });
    ctx.server.on("GET", "/club/api/v2/modules/J14OKVB4PL/pages", { body: CLUB_PAGES });
    const client = ctx.client();
    await expect(
      client.club.pages("J14OKVB4PL", { product_id: undefined, subdomain: "my_subdomain" } as never),
    ).resolves.toEqual(CLUB_PAGES_V1);
    expect(ctx.server.only().path).toBe("/club/api/v1/modules/J14OKVB4PL/pages");
    ctx.server.requests.length = 0;
    await expect(
      client.club.pages("J14OKVB4PL", { product_id: 123456789, subdomain: undefined } as never),
    ).resolves.toEqual(CLUB_PAGES);
    expect(ctx.server.only().path).toBe("/club/api/v2/modules/J14OKVB4PL/pages");
  });

  it("refuses product_id and subdomain together, naming the two forms, not the query option", async () => {
    // pages(moduleId, { subdomain }) is the legacy v1 form and { product_id } the v2 one. Both at once
    // was refused with advice to send subdomain through the query option, which asks the v2 path.
    const error = await ctx
      .client()
      .club.pages("J14OKVB4PL", { product_id: 123456789, subdomain: "my_subdomain" } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HotmartInputError);
    expect((error as Error).message).toMatch(/\{ product_id \}.*v2.*\{ subdomain \}.*v1.*not both/);
    expect((error as Error).message).not.toMatch(/query/);
    expect(ctx.server.requests).toHaveLength(0);
  });
});

describe("club.pagesV1 (deprecated)", () => {
  it("GETs the legacy /club/api/v1/modules/{id}/pages?subdomain=", async () => {
    ctx.server.on("GET", "/club/api/v1/modules/J14OKVB4PL/pages", { body: CLUB_PAGES_V1 });
    const pages = await ctx.client().club.pagesV1("J14OKVB4PL", { subdomain: "my_subdomain" });
    const req = ctx.server.only();
    expect(req.path).toBe("/club/api/v1/modules/J14OKVB4PL/pages");
    expect(req.query).toBe("subdomain=my_subdomain");
    expect(pages).toEqual(CLUB_PAGES_V1);
  });
});

describe("club.students and club.users", () => {
  it("GETs /club/api/v1/users with subdomain, email and paging", async () => {
    ctx.server.on("GET", "/club/api/v1/users", { body: CLUB_USERS });
    const client = ctx.client();
    const page = await client.club.students("my_subdomain", { email: "eva@example.com", max_results: 500 });
    const alias = await client.club.users("my_subdomain", { email: "eva@example.com", max_results: 500 });
    const [a, b] = ctx.server.requests as [RecordedRequest, RecordedRequest];
    for (const req of [a, b]) {
      expect(req.method).toBe("GET");
      expect(req.path).toBe("/club/api/v1/users");
      expect(req.query).toBe("email=eva%40example.com&max_results=500&subdomain=my_subdomain");
    }
    expect(page.items).toEqual(CLUB_USERS.items);
    expect(alias.items).toEqual(CLUB_USERS.items);
    expect(page.items[0]?.progress.completed_percentage).toBe(45.5);
  });
});

describe("club.lessons", () => {
  it("GETs /club/api/v1/users/{user_id}/lessons?subdomain=", async () => {
    ctx.server.on("GET", "/club/api/v1/users/N2OM623N46/lessons", { body: CLUB_LESSONS });
    const result = await ctx.client().club.lessons("my_subdomain", "N2OM623N46");
    const req = ctx.server.only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/club/api/v1/users/N2OM623N46/lessons");
    expect(req.query).toBe("subdomain=my_subdomain");
    expect(result).toEqual(CLUB_LESSONS);
    expect(result.lessons.map((l) => l.completed_date)).toEqual([1717400000000, undefined]);
  });
});

describe("club.studentProgress", () => {
  /** Hotmart matches partial e-mails: the exact student sits on page 2, after a partial match. */
  function scriptUsers(): void {
    ctx.server.on("GET", "/club/api/v1/users", (req) =>
      req.searchParams.get("page_token") === "p2"
        ? { body: { items: [{ ...CLUB_STUDENT, email: "Eva@Example.com" }], page_info: {} } }
        : {
            body: {
              items: [{ ...CLUB_STUDENT, user_id: "Other00001", email: "eva@example.com.br" }],
              page_info: { next_page_token: "p2" },
            },
          },
    );
    ctx.server.on("GET", "/club/api/v1/users/Uv7wX8yZ9a/lessons", { body: CLUB_LESSONS });
  }

  it("finds the student by exact e-mail (case-insensitive) and returns their lessons", async () => {
    scriptUsers();
    const progress = await ctx
      .client()
      .club.studentProgress("my_subdomain", { student_email: " eva@example.COM " });
    expect(progress.lessons).toEqual(CLUB_LESSONS.lessons);
    expect(progress.user.user_id).toBe("Uv7wX8yZ9a");
    expect(ctx.server.requests.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([
      "GET /club/api/v1/users?email=eva%40example.COM&subdomain=my_subdomain",
      "GET /club/api/v1/users?email=eva%40example.COM&subdomain=my_subdomain&page_token=p2",
      "GET /club/api/v1/users/Uv7wX8yZ9a/lessons?subdomain=my_subdomain",
    ]);
  });

  it("throws NotFoundError when only partial matches come back", async () => {
    ctx.server.on("GET", "/club/api/v1/users", {
      body: { items: [{ ...CLUB_STUDENT, email: "eva@example.com.br" }], page_info: {} },
    });
    const error = await ctx
      .client()
      .club.studentProgress("my_subdomain", { student_email: "eva@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, error: "not_found" });
    expect((error as Error).message).toMatch(
      /No Club student has the e-mail "eva@example.com".*1 other address/,
    );
    expect(ctx.server.requests).toHaveLength(1);
  });
});

describe("the Club subdomain", () => {
  it("the Club's address, or a value no subdomain can be, is refused before sending, saying what to pass", async () => {
    const client = ctx.client();
    await expect(client.club.modules("https://my-course.club.hotmart.com/")).rejects.toThrow(
      /subdomain "https:\/\/my-course\.club\.hotmart\.com\/" is the Club's address: pass its subdomain alone, "my-course"/,
    );
    await expect(client.club.students("my-course.club.hotmart.com")).rejects.toThrow(
      /pass its subdomain alone, "my-course"/,
    );
    await expect(client.club.lessons("my course", "N2OM623N46")).rejects.toThrow(
      /subdomain "my course" is not a subdomain \(no spaces, dots, slashes or colons\): pass the Club subdomain/,
    );
    await expect(client.club.pagesV1("J14OKVB4PL", { subdomain: "cursos.example.com" })).rejects.toThrow(
      /is not a subdomain/,
    );
    await expect(client.club.studentProgress("a/b", { student_email: "eva@example.com" })).rejects.toThrow(
      /is not a subdomain/,
    );
    await expect(
      client.access.check("eva@example.com", { subdomain: "http://my-course.club.hotmart.com" }),
    ).rejects.toThrow(/pass its subdomain alone, "my-course"/);
    expect(ctx.server.requests).toHaveLength(0);
    // Underscores and hyphens, as Hotmart's own examples have them, are subdomains.
    ctx.server.on("GET", "/club/api/v1/modules", { body: CLUB_MODULES });
    await client.club.modules(" my_sub-domain2 ");
    expect(ctx.server.only().query).toBe("subdomain=my_sub-domain2");
  });
});
