import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretMask } from "../src/secrets";
import { Api, SALES } from "./helpers";

// A Basic value with "+", "/" and "=" and a secret with URL-special characters: each secret is looked
// for as sent and as a URL or a form carries it.
const CLIENT_ID = "app-client";
const CLIENT_SECRET = ">9z?wvi5~h8mo19av";
const URL_HOTTOK = "hottok-of-one-webhook-url-7Qx";

describe("Secrets in the request log and in echoed errors", () => {
  let api: Api;
  let secrets: { clientSecret: string; basic: string; token: string; hottok: string; urlHottok: string };
  const answers: string[] = [];

  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${api.sim.url}${path}`, init);
    answers.push(`${response.status} ${await response.text()}`);
    return response;
  };

  beforeAll(async () => {
    api = await Api.start({ seed: 11, credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
    api.sim.webhooks.subscribe({ url: "http://127.0.0.1:9/never-called", hottok: URL_HOTTOK });
    const { credentials, hottok } = api.sim;
    expect(credentials.basic).toMatch(/\+.*\/.*=$/);
    secrets = {
      clientSecret: credentials.clientSecret,
      basic: credentials.basic,
      token: api.token,
      hottok,
      urlHottok: URL_HOTTOK,
    };
    api.sim.resetStats();
    const { clientSecret: S, basic: B, token: T, hottok: H } = secrets;
    const bearer = { Authorization: `Bearer ${T}` };
    const json = { ...bearer, "Content-Type": "application/json" };

    // Nested in a JSON body, under expected and unusual keys.
    await send(`${SALES}/history`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({
        outer: { client_secret: S, note: `see ${B} here` },
        list: [T, { deep: H, other: URL_HOTTOK }],
        credentials: `Basic ${B}`,
      }),
    });
    // In a form body (the token endpoint reads forms), under unusual keys; the Basic value unencoded,
    // so the form reads its "+" as a space.
    await send("/security/oauth/token", {
      method: "POST",
      headers: { Authorization: `Basic ${B}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_secret=${encodeURIComponent(S)}&s=${encodeURIComponent(S)}&h=${H}&b=${B}&t=${T}`,
    });
    // In the query string under unusual keys, and in headers the log keeps.
    const query = new URLSearchParams({ pw: S, basic_value: B, tok: T, h: H, note: `x ${S} y` });
    await send(`${SALES}/history?${query}`, { headers: { ...bearer, "X-Debug": `${S} ${B}`, "X-Trace": T } });
    // Echoed by error bodies: a parameter's value, and the path.
    await send(`${SALES}/history?transaction_status=${encodeURIComponent(S)}`, { headers: bearer });
    await send(`${SALES}/history?transaction_status=${encodeURIComponent(B)}`, { headers: bearer });
    await send(`/payments/api/v1/nothing/${T}`, { headers: bearer });
    await send(`/payments/api/v1/nothing/${encodeURIComponent(S)}/${B}/${H}`, { headers: bearer });
    // A body the log keeps as text: not JSON, a form sent without its content type, JSON too deep to parse.
    await send(`${SALES}/history`, {
      method: "POST",
      headers: { ...bearer, "Content-Type": "text/plain" },
      body: `secret ${S}, basic ${B}, token ${T}, hottok ${H}`,
    });
    await send(`${SALES}/history`, {
      method: "POST",
      headers: bearer,
      body: `client_secret=${encodeURIComponent(S)}&basic=${encodeURIComponent(B)}`,
    });
    await send(`${SALES}/history`, {
      method: "POST",
      headers: json,
      body: `${"[".repeat(70)}{"client_secret":"${S}","x":"${B}","y":"${T}","z":"${H}"}${"]".repeat(70)}`,
    });
    // The admin API answers what it could not parse (JSON.parse quoted the start of the text).
    await send("/__admin/faults", { method: "POST", body: `${B} ${S}` });
  });
  afterAll(() => api.close());

  const forms = (secret: string) => [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
  ];

  it("no request in the log holds a secret, read programmatically or over /__admin/requests", async () => {
    expect(api.sim.requestLog).toHaveLength(10);
    const logged = JSON.stringify(api.sim.requestLog);
    const overHttp = await (await fetch(`${api.sim.url}/__admin/requests`)).text();
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of forms(secret)) {
        expect(logged, `${name} in sim.requestLog`).not.toContain(form);
        expect(overHttp, `${name} in /__admin/requests`).not.toContain(form);
      }
    }
    expect(logged).not.toContain(secrets.basic.replaceAll("+", " "));
  });

  it("no answer echoes a secret the request carried", () => {
    expect(answers).toHaveLength(11);
    const text = answers.join("\n");
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of forms(secret)) expect(text, `${name} in an answer`).not.toContain(form);
    }
    // Not even the start of one: a secret cut short is one no mask recognises.
    for (const [name, secret] of Object.entries(secrets)) {
      expect(answers[10], `the start of ${name}`).not.toContain(secret.slice(0, 8));
    }
    expect(answers[10]).toMatch(/^400 .*not valid JSON/);
    // The answers themselves are still the errors Hotmart gives, the secret masked where it was echoed.
    expect(answers[3]).toMatch(/^400 .*invalid_value_parameter.*Invalid value '\[redacted\]'/);
    expect(answers[5]).toMatch(/^404 .*No resource at GET \/payments\/api\/v1\/nothing\/\[redacted\]/);
  });

  it("keeps the rest of each entry readable: keys, the masked places, other values", () => {
    const [jsonBody, form, query] = api.sim.requestLog;
    expect(jsonBody?.body).toEqual({
      outer: { client_secret: "[redacted]", note: "see [redacted] here" },
      list: ["[redacted]", { deep: "[redacted]", other: "[redacted]" }],
      credentials: "Basic [redacted]",
    });
    expect(form?.body).toEqual({
      grant_type: "client_credentials",
      client_secret: "[redacted]",
      s: "[redacted]",
      h: "[redacted]",
      b: "[redacted]",
      t: "[redacted]",
    });
    expect(query?.query).toEqual({
      pw: "[redacted]",
      basic_value: "[redacted]",
      tok: "[redacted]",
      h: "[redacted]",
      note: "x [redacted] y",
    });
    expect(query?.headers["x-debug"]).toBe("[redacted] [redacted]");
    expect(query?.headers["x-trace"]).toBe("[redacted]");
    expect(query?.headers.authorization).toBe("Bearer [redacted]");
  });

  it("logs a body of many token-shaped starts without stalling the simulator", async () => {
    // "eyJ" 150 000 times: every one of them was a start of the JWT pattern, each scanning the rest of
    // the run for a dot that never comes (minutes of CPU, every other request waiting). Now one start.
    const body = "eyJ".repeat(150_000);
    const response = await send(`${SALES}/history`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secrets.token}`, "Content-Type": "text/plain" },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(api.sim.requestLog.at(-1)?.body).toBe(body);
    // A token still masked where it follows a word's end: in a sentence, after "=", in a path.
    const { token } = secrets;
    expect(new SecretMask().string(`a ${token}. t=${token}&/x/${token}`)).toBe(
      "a [redacted]. t=[redacted]&/x/[redacted]",
    );
  });
});
