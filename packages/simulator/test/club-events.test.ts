import { SANDBOX } from "hotmart-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, type Json, SALES } from "./helpers";

describe("Club", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const sub = SANDBOX.subdomain;

  describe("modules", () => {
    it("answers a bare array of the main modules of my_subdomain (the sandbox module ids)", async () => {
      const res = await api.get("/club/api/v1/modules", { subdomain: sub });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.map((m: Json) => m.module_id.toUpperCase())).toEqual(
        SANDBOX.moduleIds.map((id) => id.toUpperCase()),
      );
      for (const m of res.body) {
        expect(Object.keys(m)).toEqual([
          "module_id",
          "name",
          "sequence",
          "is_public",
          "is_extra",
          "is_extra_paid",
          "classes",
          "total_pages",
        ]);
        expect(m.is_extra).toBe(false);
        expect(m.module_id).toMatch(/^[A-Za-z0-9]{10}$/);
      }
    });

    it("is_extra=true answers only the extra modules", async () => {
      const res = await api.get("/club/api/v1/modules", { subdomain: sub, is_extra: true });
      expect(res.body.length).toBeGreaterThan(0);
      for (const m of res.body) expect(m.is_extra).toBe(true);
      expect((await api.get("/club/api/v1/modules", { subdomain: sub, is_extra: "yes" })).status).toBe(400);
    });

    it("answers 422 without subdomain (also with only is_extra) and 404 code 0006 for an unknown one", async () => {
      expect((await api.get("/club/api/v1/modules")).status).toBe(422);
      expect((await api.get("/club/api/v1/modules", { is_extra: true })).status).toBe(422);
      const unknown = await api.get("/club/api/v1/modules", { subdomain: "nope" });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: "0006", message: "Subdomain nope does not exist" });
    });
  });

  describe("pages v2", () => {
    it("answers each sandbox module id in upper case for product 123456789", async () => {
      for (const id of SANDBOX.moduleIds) {
        const res = await api.get(`/club/api/v2/modules/${id.toUpperCase()}/pages`, {
          product_id: SANDBOX.clubProductId,
        });
        expect(res.status).toBe(200);
        expect(Array.isArray(res.body)).toBe(true);
        expect(res.body.length).toBeGreaterThan(0);
        for (const page of res.body) {
          expect(page).toMatchObject({
            page_id: expect.any(String),
            name: expect.any(String),
            page_order: expect.any(Number),
            published: expect.any(Boolean),
            rates_average: expect.any(Number),
            dripping_configs: expect.any(Array),
          });
          expect(["CONTENT", "ADVERTISEMENT", "QUIZ", "WEBINAR"]).toContain(page.type);
        }
      }
    });

    it("answers 422 without product_id and 404 for an unknown module", async () => {
      expect((await api.get(`/club/api/v2/modules/${SANDBOX.moduleIds[0]}/pages`)).status).toBe(422);
      const unknown = await api.get("/club/api/v2/modules/AAAAAAAAAA/pages", {
        product_id: SANDBOX.clubProductId,
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe("pages v1 (legacy)", () => {
    it("answers the old flat shape, without page_id", async () => {
      const res = await api.get(`/club/api/v1/modules/${SANDBOX.moduleIds[3]}/pages`, { subdomain: sub });
      expect(res.status).toBe(200);
      for (const page of res.body) {
        expect(page.page_id).toBeUndefined();
        expect(page).toMatchObject({
          name: expect.any(String),
          page_order: expect.any(Number),
          has_duration: expect.any(Boolean),
        });
      }
      expect((await api.get(`/club/api/v1/modules/${SANDBOX.moduleIds[3]}/pages`)).status).toBe(422);
    });
  });

  describe("users", () => {
    it("pages through every student exactly once with total_results", async () => {
      const { items, total } = await api.walk("/club/api/v1/users", { subdomain: sub, max_results: 7 });
      expect(total).toBe(api.sim.data.club.users.length);
      const ids = items.map((u: Json) => u.user_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(total);
      expect(items.some((u: Json) => u.role === "OWNER")).toBe(true);
      const student = items.find((u: Json) => u.type === "BUYER");
      expect(student.purchase_date).toEqual(expect.any(Number));
      expect(Object.keys(student.progress)).toEqual(["completed_percentage", "total", "completed"]);
    });

    it("students who bought are buyers of the Club product", async () => {
      const { items } = await api.walk("/club/api/v1/users", { subdomain: sub, max_results: 500 });
      const buyer = items.find((u: Json) => u.type === "BUYER");
      const history = await api.walk(`${SALES}/history`, {
        buyer_email: buyer.email,
        product_id: SANDBOX.clubProductId,
        max_results: 50,
      });
      expect(history.total).toBeGreaterThan(0);
    });

    it("filters by full or partial e-mail", async () => {
      const user = api.sim.data.club.users[5];
      const partial = user?.email.split("@")[0]?.slice(0, 6) ?? "";
      const res = await api.get("/club/api/v1/users", { subdomain: sub, email: partial });
      expect(res.body.items.some((u: Json) => u.email === user?.email)).toBe(true);
      for (const u of res.body.items) expect(u.email.toLowerCase()).toContain(partial.toLowerCase());
      expect((await api.get("/club/api/v1/users")).status).toBe(422);
    });
  });

  describe("lessons", () => {
    it("answers {lessons} for the sandbox student ids (case-insensitive), completed_date only when completed", async () => {
      for (const id of SANDBOX.userIds) {
        const res = await api.get(`/club/api/v1/users/${id.toUpperCase()}/lessons`, { subdomain: sub });
        expect(res.status).toBe(200);
        expect(Object.keys(res.body)).toEqual(["lessons"]);
        for (const l of res.body.lessons) {
          expect("completed_date" in l).toBe(l.is_completed);
          expect(Object.keys(l)).toEqual(
            l.is_completed
              ? ["page_id", "page_name", "module_name", "is_module_extra", "is_completed", "completed_date"]
              : ["page_id", "page_name", "module_name", "is_module_extra", "is_completed"],
          );
        }
        const users = await api.walk("/club/api/v1/users", { subdomain: sub, max_results: 500 });
        const user = users.items.find((u: Json) => u.user_id.toUpperCase() === id.toUpperCase());
        expect(res.body.lessons.filter((l: Json) => l.is_completed)).toHaveLength(user.progress.completed);
        expect(res.body.lessons).toHaveLength(user.progress.total);
      }
    });

    it("answers 422 without subdomain and 404 for an unknown student", async () => {
      expect((await api.get(`/club/api/v1/users/${SANDBOX.userIds[0]}/lessons`)).status).toBe(422);
      expect((await api.get("/club/api/v1/users/AAAAAAAAAA/lessons", { subdomain: sub })).status).toBe(404);
    });
  });
});

describe("Events", () => {
  let api: Api;
  beforeAll(async () => {
    api = await Api.start({ seed: 42 });
  });
  afterAll(() => api.close());

  const event = () => {
    const e = api.sim.data.events[0];
    if (!e) throw new Error("no event generated");
    return e;
  };

  it("answers the info object of an ETICKET product", async () => {
    const res = await api.get(`/events/api/v1/${event().product.id}/info`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      product: { name: event().product.name, id: event().product.id },
      start_event_date: expect.any(Number),
      end_event_date: expect.any(Number),
      lots: event().lots.map((l) => ({ id: l.id, name: l.name })),
    });
    expect(res.body.end_event_date).toBeGreaterThan(res.body.start_event_date);
  });

  it("answers 404 for a product that is not an event", async () => {
    expect((await api.get(`/events/api/v1/${SANDBOX.clubProductId}/info`)).status).toBe(404);
    expect((await api.get("/events/api/v1/abc/participants")).status).toBe(404);
  });

  it("pages through every ticket once with total_results and the documented shape", async () => {
    const { items, total } = await api.walk(`/events/api/v1/${event().product.id}/participants`, {
      max_results: 6,
    });
    expect(total).toBe(event().tickets.length);
    const ids = items.map((t: Json) => t.eticket.id);
    expect(new Set(ids).size).toBe(total);
    const t = items[0];
    expect(Object.keys(t)).toEqual(["participant", "buyer", "eticket", "lot", "product"]);
    expect(Object.keys(t.eticket).sort()).toEqual(
      [
        "checkin_status",
        "checkin_url",
        "current_update",
        "id",
        "is_blocked",
        "ticket_qr_code",
        "ticket_status",
        "ticket_type",
      ].sort(),
    );
  });

  it("paid tickets are sales of the event product", async () => {
    const paid = event().tickets.find((t) => t.sale);
    const res = await api.get(`${SALES}/history`, { transaction: paid?.sale?.transaction });
    expect(res.body.items[0].product.id).toBe(event().product.id);
    expect(res.body.items[0].buyer.email).toBe(paid?.buyer.email);
  });

  it("honours every filter", async () => {
    const path = `/events/api/v1/${event().product.id}/participants`;
    const ticket = event().tickets[3];
    if (!ticket) throw new Error("fixture missing");
    const cases: [Record<string, string | number>, (t: Json) => boolean][] = [
      [{ ticket_status: "SOLD" }, (t) => t.eticket.ticket_status === "SOLD"],
      [{ ticket_type: "FREE" }, (t) => t.eticket.ticket_type === "FREE"],
      [{ ticket_type: "ALL" }, () => true],
      [{ checkin_status: ticket.checkinStatus }, (t) => t.eticket.checkin_status === ticket.checkinStatus],
      [{ id_lot: ticket.lot.id }, (t) => t.lot.id === ticket.lot.id],
      [{ buyer_email: ticket.buyer.email }, (t) => t.buyer.email === ticket.buyer.email],
      [
        { participant_email: ticket.participant.email },
        (t) => t.participant.email === ticket.participant.email,
      ],
      [{ id_eticket: ticket.id }, (t) => t.eticket.id === ticket.id],
      [{ ticket_qr_code: ticket.qrCode }, (t) => t.eticket.ticket_qr_code === ticket.qrCode],
      [{ last_update: ticket.currentUpdate }, (t) => t.eticket.current_update >= ticket.currentUpdate],
    ];
    for (const [query, predicate] of cases) {
      const { items } = await api.walk(path, { ...query, max_results: 500 });
      expect(items.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(items.every(predicate), JSON.stringify(query)).toBe(true);
    }
    expect((await api.get(path, { ticket_status: "USED" })).status).toBe(400);
  });

  it("a refunded sale shows a REFUNDED ticket", async () => {
    const ticket = event().tickets.find(
      (t) => t.sale && (t.sale.status === "APPROVED" || t.sale.status === "COMPLETE"),
    );
    const tx = ticket?.sale?.transaction;
    expect((await api.request("PUT", `${SALES}/${tx}/refund`)).status).toBe(200);
    const res = await api.get(`/events/api/v1/${event().product.id}/participants`, {
      id_eticket: ticket?.id ?? 0,
    });
    expect(res.body.items[0].eticket.ticket_status).toBe("REFUNDED");
    const history = await api.get(`${SALES}/history`, { transaction: tx });
    expect(history.body.items[0].purchase.status).toBe("REFUNDED");
  });
});
