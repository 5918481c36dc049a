import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { RequestOptions } from "hotmart";
import { z } from "zod";
import type { ToolContext } from "../context";
import { describeError, errorResult, quotaSpentMessage, quotaWaitMs } from "../errors";
import { redact } from "../redact";
import { DATA_NOTE } from "../render";

export interface ToolOutput {
  structured: Record<string, unknown>;
  text: string;
}

export interface ToolSpec<Shape extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  output: z.ZodRawShape;
  annotations: ToolAnnotations;
  /** `call` goes to every SDK call the tool makes: it carries the MCP request's abort signal. */
  run: (args: z.infer<z.ZodObject<Shape>>, ctx: ToolContext, call: CallOptions) => Promise<ToolOutput>;
}

/**
 * What every SDK call of one tool call takes: the MCP request's signal, aborted when the client cancels
 * (notifications/cancelled, its timeout) or the connection closes, so a cancelled `sales_report` stops
 * asking Hotmart instead of walking every page (34 requests, cancelled or not) on the shared quota.
 */
export type CallOptions = RequestOptions & { signal: AbortSignal };

/** Reads never change anything; they talk to Hotmart (an open world), and the same call gives the same answer. */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Registered names, in order, for docs and tests. */
export function registerTool<Shape extends z.ZodRawShape>(
  server: McpServer,
  ctx: ToolContext,
  spec: ToolSpec<Shape>,
): void {
  server.registerTool(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: z.object(spec.input).strict(),
      outputSchema: z.object(spec.output),
      annotations: { title: spec.title, ...spec.annotations },
    },
    // The SDK types the callback from the schema; our own `run` is typed from the same shape.
    (async (args: z.infer<z.ZodObject<Shape>>, extra: { signal: AbortSignal }) => {
      // The client is paused (a 429, here or from anyone on the same credentials) for longer than a tool
      // call may last: say so now, instead of holding the assistant until the call's budget runs out.
      const wait = quotaWaitMs(ctx.client.rateLimit);
      if (wait > ctx.callBudgetMs) return errorResult(quotaSpentMessage(wait));
      try {
        const { structured, text } = await spec.run(args, ctx, { signal: extra.signal });
        // structuredContent is JSON already: each value sits in its own field. The text, which many
        // clients hand the model instead, says first that its quoted strings are record data.
        return {
          structuredContent: structured,
          content: [{ type: "text" as const, text: `${DATA_NOTE}\n${redact(text)}` }],
        };
      } catch (error) {
        // Retry times are wall-clock (the quota runs on Hotmart's clock), not the data's clock.
        return errorResult(describeError(error, Date.now(), ctx.client.rateLimit));
      }
    }) as never,
  );
}

/** Drops undefined values so `exactOptionalPropertyTypes` and the wire both see absent keys. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
