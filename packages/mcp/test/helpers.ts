import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type ClientOptions, Hotmart } from "hotmart";
import { createContext, type RunningHttpServer, startHttpServer, type ToolContext } from "hotmart-mcp";
import { type Simulator, type SimulatorOptions, startSimulator } from "hotmart-simulator";

export const TOKEN = "test-token-0123456789abcdef";

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
  const mcp = new Client({ name: "test", version: "1.0.0" });
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
