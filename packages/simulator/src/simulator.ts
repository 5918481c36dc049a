import { createAdmin } from "./admin";
import { createApi, createFetch } from "./app";
import { type Credentials, makeCredentials, TokenStore } from "./auth";
import { DEFAULT_MAX_BODY_BYTES } from "./body";
import { SimClock } from "./clock";
import type { SimContext } from "./context";
import { Dataset, resolveScale, type Scale } from "./data/dataset";
import { WEBHOOK_EVENTS, type WebhookEventName } from "./data/enums";
import type { Club, Coupon, EventData, Person, Product, Sale, Subscription } from "./data/model";
import { LOWER_ALNUM, MIXED_ALNUM, Rng, streamId } from "./data/rng";
import type { SANDBOX } from "./data/sandbox";
import { type Fault, FaultInjector, type FaultSpec } from "./faults";
import { validateOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import { TOKEN_PATH, tokenRoutes } from "./routes/auth";
import { SecretMask } from "./secrets";
import { closeServer, listen } from "./server";
import { Sleepers } from "./sleep";
import { Actions, type PurchaseInput } from "./state";
import { Observer, type RequestLogEntry, type StatsSnapshot } from "./stats";
import { sampleEventData } from "./webhook-events";
import {
  type WebhookChaosOptions,
  type WebhookDelivery,
  WebhookDispatcher,
  type WebhookEnvelope,
  type WebhookRetryOptions,
  type WebhookSubscription,
  type WebhookTarget,
} from "./webhooks";

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A non-negative integer; default 42. The same seed (and scale and `now`) always gives byte-identical data. */
  seed?: number;
  /** Dataset size. Defaults: 500 sales, 40 subscriptions, 24 products, 60 students per Club, 40 tickets per event. */
  scale?: Partial<Scale>;
  /** Access token lifetime; Hotmart's is 172799 s (about 48 h). Use a few seconds to test refresh. */
  tokenTtlSeconds?: number;
  /** Default 500 calls per 60 000 ms, Hotmart's quota. `false` turns the limit (and its headers) off. */
  rateLimit?: { limit?: number; windowMs?: number } | false;
  /** The account's webhook secret; default derived from the seed. */
  hottok?: string;
  webhooks?: WebhookTarget[];
  /** Default 5 re-sends, 10 s apart, 10 s answer timeout. */
  webhookRetry?: WebhookRetryOptions;
  /**
   * Off by default. Duplicate deliveries after a 2xx and random holds that reorder events, as real
   * Hotmart delivery does (§9.3), drawn from the seed: to test a receiver's idempotency and ordering.
   */
  webhookChaos?: WebhookChaosOptions;
  /** Added to every API response (not admin). */
  latencyMs?: number;
  /** Default: derived from the seed, so the printed credentials stay valid across restarts. */
  credentials?: { clientId?: string; clientSecret?: string };
  /**
   * The simulated time at startup (epoch ms). Default: the wall clock. Data is generated relative to
   * it, so the same seed, scale and `now` give byte-identical data: pin it for reproducible tests.
   */
  now?: number;
  /** Request log entries kept (oldest dropped first). Default 10 000. */
  requestLogLimit?: number;
  /** Memory the request log may use, estimated (oldest entries dropped first). Default 32 MiB. */
  requestLogBytes?: number;
  /**
   * Request bodies above this many bytes are refused with 413 `request_entity_too_large` before
   * they are read in full. Default 1 MiB (1 048 576); no Hotmart endpoint takes a body near it.
   */
  maxBodyBytes?: number;
}

/**
 * Read access to the dataset (live: writes show up here). Records are plain objects that point at
 * each other; see src/data/model.ts for every field. Typical picks:
 * `sim.data.sales.find(s => s.status === "APPROVED")?.transaction`,
 * `sim.data.subscriptions.find(s => s.status === "ACTIVE" && !s.magic)?.subscriberCode`,
 * `sim.data.products.filter(p => p.listed)`, `sim.data.club.subdomain` ("my_subdomain").
 */
export interface SimulatorData {
  readonly seed: number;
  readonly scale: Scale;
  /** Simulated time the data was generated at. */
  readonly generatedAt: number;
  /** The authenticated account (producer of the listed products). */
  readonly account: Person;
  readonly buyers: readonly Person[];
  /** Listed products (`listed: true`) plus the products the account sells only as an affiliate. */
  readonly products: readonly Product[];
  /** Newest first. One-off sales, subscription charges, negotiation and write-created sales. */
  readonly sales: readonly Sale[];
  /** Generated subscriptions plus the sandbox ones (`magic: "success" | "failure"`). */
  readonly subscriptions: readonly Subscription[];
  /** Deleted coupons stay here with `deleted: true`. */
  readonly coupons: readonly Coupon[];
  readonly clubs: readonly Club[];
  /** The sandbox Club (`my_subdomain`, product 123456789). */
  readonly club: Club;
  /** One per ETICKET product. */
  readonly events: readonly EventData[];
  /** The sandbox magic values (§12), which exist in every dataset. */
  readonly sandbox: typeof SANDBOX;
  sale(transaction: string): Sale | undefined;
  subscription(subscriberCode: string): Subscription | undefined;
  product(idOrUcode: number | string): Product | undefined;
}

export interface Simulator {
  /** The API origin, e.g. "http://127.0.0.1:8787": the SDK's baseURL. */
  readonly url: string;
  /** `${url}/security/oauth/token`: the SDK's authURL. */
  readonly authURL: string;
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly credentials: Credentials;
  readonly hottok: string;
  readonly data: SimulatorData;
  /** HOTMART_BASE_URL, HOTMART_AUTH_URL, HOTMART_CLIENT_ID, HOTMART_CLIENT_SECRET, HOTMART_BASIC, HOTMART_HOTTOK. */
  readonly env: Record<string, string>;
  readonly faults: {
    add(spec: FaultSpec): Fault;
    remove(id: number): boolean;
    clear(): void;
    list(): readonly Fault[];
  };
  readonly tokens: {
    /** Every token issued so far answers 401 invalid_token from now on. */
    revokeAll(): void;
    /** Every token issued so far answers 401 token_expired from now on. */
    expireAll(): void;
    /** Tokens issued and still valid. */
    active(): number;
    /** Lifetime of tokens issued from now on. */
    ttlSeconds: number;
  };
  stats(): StatsSnapshot;
  readonly requestLog: readonly RequestLogEntry[];
  resetStats(): void;
  /** Back to the seed's dataset: undoes every write. Stats, faults and webhooks are kept. */
  resetData(): void;
  readonly webhooks: {
    subscribe(target: WebhookTarget): WebhookSubscription;
    unsubscribe(id: number): boolean;
    readonly subscriptions: readonly WebhookSubscription[];
    /** The latest 10 000 delivery attempts (the oldest dropped first), retries and chaos duplicates (`duplicate: true`) included, in the order they finished. */
    readonly deliveries: readonly WebhookDelivery[];
    /** Replaces the chaos settings for events emitted from now on (`false` turns chaos off); returns them. */
    chaos(options?: WebhookChaosOptions | false): Required<WebhookChaosOptions>;
    /** Resolves when every delivery in flight (retries, held and duplicated deliveries included) has finished. */
    idle(): Promise<void>;
  };
  /** Sends an event to the subscribed URLs. Without data, a payload built from a real record. */
  emit(event: WebhookEventName, data?: unknown): WebhookEnvelope;
  /** The simulated clock (dates in data and defaults such as "the last 30 days"). */
  readonly clock: { now(): number; advance(ms: number): void; set(epochMs: number): void };
  /** A new sale, as if a buyer checked out now (PURCHASE_* webhook included). */
  purchase(input?: PurchaseInput): Sale;
  /** Confirms a pending sale (a boleto or Pix from a negotiation, say): PURCHASE_APPROVED. */
  approve(transaction: string): Sale;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function derived(seed: number, name: string, length: number, alphabet: string): string {
  return new Rng(seed, streamId(name)).chars(length, alphabet);
}

function uuidLike(seed: number, name: string): string {
  const hex = derived(seed, name, 32, "0123456789abcdef");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Starts a simulator on loopback and resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  validateOptions(options as Record<string, unknown>);
  const seed = options.seed ?? 42;
  const host = options.host ?? "127.0.0.1";
  const scale = resolveScale(options.scale);
  // The wall clock by default, so a sale made now is dated now; data is generated back from it.
  const start = options.now ?? Date.now();
  const credentials = makeCredentials(
    options.credentials?.clientId ?? uuidLike(seed, "client-id"),
    options.credentials?.clientSecret ?? uuidLike(seed, "client-secret"),
  );
  const hottok = options.hottok ?? derived(seed, "hottok", 40, MIXED_ALNUM + LOWER_ALNUM);
  const clock = new SimClock(start);
  const observer = new Observer(options.requestLogLimit, options.requestLogBytes);
  const webhooks = new WebhookDispatcher(
    hottok,
    options.webhookRetry ?? {},
    () => clock.now(),
    seed,
    options.webhookChaos,
  );
  for (const target of options.webhooks ?? []) webhooks.subscribe(target);
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 172_799);
  // The access tokens it issues are masked by their shape (secrets.ts), these by value; so is the
  // hottok of each webhook URL subscribed (and it stays masked once the URL is unsubscribed).
  const mask = new SecretMask([credentials.clientSecret, credentials.basic, hottok]);
  for (const sub of webhooks.subscriptions) mask.add(sub.hottok);
  const faults = new FaultInjector(seed);
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? {});
  const sleepers = new Sleepers();

  const generate = () => {
    const dataset = new Dataset(seed, scale, start);
    dataset.useClock(() => clock.now());
    return dataset;
  };
  const dataset = generate();
  const ctx: SimContext = { data: dataset, clock, actions: new Actions(dataset, clock, observer, webhooks) };

  let listening: Awaited<ReturnType<typeof listen>> | undefined;
  let closed: Promise<void> | undefined;
  const sim: Simulator = {
    get url() {
      return `http://${host.includes(":") ? `[${host}]` : host}:${listening?.port ?? 0}`;
    },
    get authURL() {
      return `${sim.url}${TOKEN_PATH}`;
    },
    host,
    get port() {
      return listening?.port ?? 0;
    },
    seed,
    credentials,
    hottok,
    get data(): SimulatorData {
      return ctx.data;
    },
    get env() {
      return {
        HOTMART_BASE_URL: sim.url,
        HOTMART_AUTH_URL: sim.authURL,
        HOTMART_CLIENT_ID: credentials.clientId,
        HOTMART_CLIENT_SECRET: credentials.clientSecret,
        HOTMART_BASIC: credentials.basic,
        HOTMART_HOTTOK: hottok,
      };
    },
    faults: {
      add: (spec) => faults.add(spec),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    tokens: {
      revokeAll: () => tokens.revokeAll(),
      expireAll: () => tokens.expireAll(),
      active: () => tokens.active(),
      get ttlSeconds() {
        return tokens.ttlSeconds;
      },
      set ttlSeconds(value: number) {
        tokens.ttlSeconds = value;
      },
    },
    stats: () => observer.stats(),
    get requestLog() {
      return observer.requestLog;
    },
    resetStats: () => {
      observer.reset();
      limiter?.reset();
    },
    resetData: () => {
      const fresh = generate();
      ctx.data = fresh;
      ctx.actions = new Actions(fresh, clock, observer, webhooks);
    },
    webhooks: {
      subscribe: (target) => {
        const subscription = webhooks.subscribe(target);
        mask.add(subscription.hottok);
        return subscription;
      },
      unsubscribe: (id) => webhooks.unsubscribe(id),
      get subscriptions() {
        return webhooks.subscriptions;
      },
      get deliveries() {
        return webhooks.deliveries;
      },
      chaos: (chaos) => webhooks.chaos(chaos),
      idle: () => webhooks.idle(),
    },
    emit: (event, data) => {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
        throw new TypeError(`Unknown webhook event "${event}"; use one of ${WEBHOOK_EVENTS.join(", ")}`);
      }
      return webhooks.send(event, data ?? sampleEventData(event, ctx.data, clock.now()));
    },
    clock: {
      now: () => clock.now(),
      advance: (ms) => clock.advance(ms),
      set: (epochMs) => clock.set(epochMs),
    },
    purchase: (input) => ctx.actions.purchase(input),
    approve: (transaction) => ctx.actions.approve(transaction),
    close: () => {
      closed ??= (async () => {
        sleepers.wakeAll();
        webhooks.close();
        if (listening) await closeServer(listening.server);
      })();
      return closed;
    },
    [Symbol.asyncDispose]: () => sim.close(),
  };

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const api = createApi({
    ctx,
    token: tokenRoutes(credentials, tokens, observer),
    faults,
    limiter,
    limitKey: credentials.clientId,
    tokens,
    observer,
    latencyMs: () => options.latencyMs ?? 0,
    sleepers,
    maxBodyBytes,
    mask,
  });
  listening = await listen(createFetch(api, createAdmin(sim, maxBodyBytes, mask)), options.port ?? 0, host);
  return sim;
}
