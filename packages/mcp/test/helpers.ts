import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv-provider.js";
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";
import { type ClientOptions, Hotmart } from "hotmart";
import { createContext, type RunningHttpServer, startHttpServer, type ToolContext } from "hotmart-mcp";
import { type Simulator, type SimulatorOptions, startSimulator } from "hotmart-simulator";

export const TOKEN = "test-token-0123456789abcdef";

/**
 * The test clients' check of every structured result against its tool's outputSchema: the MCP SDK's own
 * validator (Ajv), with each schema compiled once per test worker. A client compiles all 31 schemas on
 * each listTools (about 80 ms of CPU a client), and every client here lists the same server's tools.
 */
class CompiledOnce implements jsonSchemaValidator {
  readonly #ajv = new AjvJsonSchemaValidator();
  readonly #compiled = new Map<string, JsonSchemaValidator<unknown>>();

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const key = JSON.stringify(schema);
    let validator = this.#compiled.get(key);
    if (validator === undefined) {
      validator = this.#ajv.getValidator<unknown>(schema);
      this.#compiled.set(key, validator);
    }
    return validator as JsonSchemaValidator<T>;
  }
}
/** Also for a test's own check of a result against an outputSchema: the same compiled validators. */
export const OUTPUT_SCHEMAS = new CompiledOnce();

/** The MCP SDK's client, as the tests use it: named, with the shared output-schema check. */
export function mcpClient(name: string): Client {
  return new Client({ name, version: "1.0.0" }, { jsonSchemaValidator: OUTPUT_SCHEMAS });
}

export interface Harness {
  sim: Simulator;
  client: Hotmart;
  ctx: ToolContext;
  http: RunningHttpServer;
  mcp: Client;
  close(): Promise<void>;
}

/** The real simulator, the real server over loopback HTTP, and the MCP SDK's own client. */
export async function harness(
  options: {
    allowWrites?: boolean;
    now?: () => number;
    client?: ClientOptions;
    sim?: Partial<SimulatorOptions>;
  } = {},
): Promise<Harness> {
  const sim = await startSimulator({ port: 0, seed: 7, rateLimit: false, ...options.sim });
  const client = new Hotmart({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    baseURL: sim.url,
    authURL: sim.authURL,
    ...options.client,
  });
  const ctx = createContext({
    client,
    allowWrites: options.allowWrites ?? false,
    now: options.now ?? (() => sim.clock.now()),
  });
  const http = await startHttpServer(ctx, { port: 0, token: TOKEN });
  const mcp = await connect(http.url);
  return {
    sim,
    client,
    ctx,
    http,
    mcp,
    close: async () => {
      await mcp.close();
      await http.close();
      await client.close();
      await sim.close();
    },
  };
}

export async function connect(url: string, token: string = TOKEN): Promise<Client> {
  const mcp = mcpClient("test");
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return mcp;
}

export async function call(
  mcp: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await mcp.callTool({ name, arguments: args })) as CallToolResult;
}

export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** structuredContent of a successful call; fails the test with the tool's error text otherwise. */
export function ok<T = Record<string, unknown>>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool error: ${text(result)}`);
  return result.structuredContent as T;
}

/** Valid arguments for every read and answer tool, picked from the simulator's own data. */
export function argumentsFor(sim: Simulator): Record<string, Record<string, unknown>> {
  const { data } = sim;
  const club = data.club;
  const student = club.users[0];
  const sub = data.subscriptions.find((s) => !s.magic && s.status === "ACTIVE");
  const subProduct = data.products.find((p) => p.listed && p.isSubscription);
  const coupon = data.coupons.find((c) => !c.deleted);
  const event = data.events[0];
  const buyer = data.sales.find((s) => s.status === "APPROVED")?.buyer;
  if (!student || !sub || !subProduct || !coupon || !event || !buyer)
    throw new Error("dataset lacks a sample");
  const module = club.modules[0];
  return {
    sales_history: { limit: 5 },
    sales_summary: {},
    sales_participants: { limit: 3 },
    sales_commissions: { limit: 3 },
    sales_price_details: { limit: 3 },
    subscriptions_list: { limit: 3, status: ["ACTIVE", "DELAYED"] },
    subscriptions_summary: { limit: 3 },
    subscriptions_transactions: { limit: 3 },
    subscription_purchases: { subscriber_code: sub.subscriberCode },
    products_list: { limit: 5 },
    product_offers: { ucode: subProduct.ucode },
    product_plans: { ucode: subProduct.ucode },
    coupons_list: { product_id: coupon.productId },
    club_modules: { subdomain: club.subdomain },
    club_pages: { module_id: module?.id, product_id: club.product.id },
    club_students: { subdomain: club.subdomain, limit: 5 },
    club_lessons: { subdomain: club.subdomain, user_id: student.userId },
    club_student_progress: { subdomain: club.subdomain, student_email: student.email },
    event_info: { event_id: event.product.id },
    event_tickets: { event_id: event.product.id, limit: 5 },
    sales_report: { start_date: "2026-10-01", end_date: "2026-10-31", group_by: "payment_type" },
    subscribers_by_status: {},
    access_check: { email: sub.subscriber.email, subdomain: club.subdomain },
    buyer_overview: { email: buyer.email, subdomain: club.subdomain },
  };
}
