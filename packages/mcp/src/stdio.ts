import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

type RequestId = string | number;

/**
 * The MCP SDK's stdio transport, knowing which requests it has not answered yet. A client that ends
 * stdin after its last request (a script piping requests in, or an assistant quitting just after a
 * confirmed write) still gets the answers: before, the server shut down at end of input and aborted
 * every call in flight, a refund half-sent included, without a word.
 */
export class StdioServer extends StdioServerTransport {
  readonly #pending = new Set<RequestId>();
  #onIdle: (() => void) | undefined;

  /** A request was read (the MCP server chains its own handler after this one, set before connect()). */
  observe(message: JSONRPCMessage): void {
    if ("method" in message && "id" in message) this.#pending.add(message.id);
    // The SDK sends no answer to a request it cancelled: nothing left to wait for.
    else if ("method" in message && message.method === "notifications/cancelled") {
      const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (id !== undefined) this.#settle(id);
    }
  }

  override async send(message: JSONRPCMessage): Promise<void> {
    try {
      await super.send(message);
    } finally {
      const id = "method" in message ? undefined : (message as { id?: RequestId | null }).id;
      if (id !== undefined && id !== null) this.#settle(id);
    }
  }

  /** Requests read and not answered (nor cancelled) yet. */
  get unanswered(): number {
    return this.#pending.size;
  }

  /** Resolves once every request read so far is answered (or cancelled). */
  idle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onIdle = resolve;
    });
  }

  #settle(id: RequestId): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#onIdle?.();
  }
}

/**
 * The MCP server's stdio: the transport above, plus the answer JSON-RPC 2.0 requires for a line that
 * is not JSON (-32700, Parse error) or is JSON but not a JSON-RPC message (-32600, Invalid Request). The
 * SDK drops such a line without a word, and a client that sent it would wait for an answer that never
 * comes. The id is null: a line that could not be read has none to echo (JSON-RPC 2.0, section 5).
 */
export function stdioTransport(): StdioServer {
  const transport = new StdioServer();
  // Set before connect(): the MCP server chains its own handlers after these.
  transport.onmessage = (message) => transport.observe(message);
  transport.onerror = (error) => {
    const answer =
      error instanceof SyntaxError
        ? { code: -32700, message: "Parse error: a line on stdin is not JSON" }
        : error.name === "ZodError"
          ? {
              code: -32600,
              message: "Invalid Request: a line on stdin is JSON but not a JSON-RPC 2.0 message",
            }
          : undefined;
    if (answer === undefined) return;
    const reply = { jsonrpc: "2.0", id: null, error: answer } as unknown as JSONRPCMessage;
    transport.send(reply).catch(() => {});
  };
  return transport;
}
