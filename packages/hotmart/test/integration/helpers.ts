/**
 * Integration tests: the SDK against a real hotmart-simulator over loopback. Each file starts its own
 * simulator (its own seed, so files never share state) and asserts both ends: what reached the wire
 * (`sim.requestLog`) and the typed result (against `sim.data`).
 */
import { type ClientOptions, Hotmart, HotmartInputError } from "hotmart";
import {
  PINNED_NOW,
  type RequestLogEntry,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "hotmart-simulator";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

export const TOKEN_PATH = "/security/oauth/token";
export const DAY = 86_400_000;

/** A client pointed at the simulator, as a user would configure it. */
export function clientFor(sim: Simulator, options: ClientOptions = {}): Hotmart {
  return new Hotmart({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    baseURL: sim.url,
    authURL: sim.authURL,
    ...options,
  });
}

export interface SimContext {
  readonly sim: Simulator;
  readonly client: Hotmart;
}

/**
 * One simulator and one client per file. Stats and the request log are cleared before each test, so a
 * test sees only its own requests (the client keeps its token: token grants show up only when a test
 * causes one).
 */
export function useSimulator(options: SimulatorOptions = {}, clientOptions: ClientOptions = {}): SimContext {
  let sim: Simulator | undefined;
  let client: Hotmart | undefined;
  beforeAll(async () => {
    // Pinned: these tests pick records from the seed's data, which would otherwise move with the wall clock.
    sim = await startSimulator({ port: 0, now: PINNED_NOW, ...options });
    client = clientFor(sim, clientOptions);
  });
  beforeEach(() => {
    sim?.resetStats();
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });
  return {
    get sim() {
      if (!sim) throw new Error("the simulator is not started");
      return sim;
    },
    get client() {
      if (!client) throw new Error("the simulator is not started");
      return client;
    },
  };
}

/** API requests the simulator logged, token requests left out. */
export function apiCalls(sim: Simulator): RequestLogEntry[] {
  return sim.requestLog.filter((entry) => entry.path !== TOKEN_PATH);
}

/** The one API request of the test (fails when there were more or none). */
export function onlyCall(sim: Simulator): RequestLogEntry {
  const calls = apiCalls(sim);
  expect(
    calls.map((c) => `${c.method} ${c.path}`),
    "exactly one API request",
  ).toHaveLength(1);
  return calls[0] as RequestLogEntry;
}

/** The last API request logged. */
export function lastCall(sim: Simulator): RequestLogEntry {
  const calls = apiCalls(sim);
  const last = calls.at(-1);
  if (!last) throw new Error("no API request was logged");
  return last;
}

/** A record the test needs from the dataset; fails loudly when the seed has none. */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the simulator dataset has no ${what}`);
  return value;
}

/** Runs `call`, expects it to fail with `type`, and returns the error for further checks. */
export async function failure<E extends Error>(
  call: () => PromiseLike<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught, "the call should have failed").toBeInstanceOf(type);
  return caught as E;
}

/** Expects a HotmartInputError (raised before sending) whose message matches `message`. */
export async function refused(call: () => PromiseLike<unknown>, message: RegExp): Promise<HotmartInputError> {
  const error = await failure(call, HotmartInputError);
  expect(error.message).toMatch(message);
  return error;
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
