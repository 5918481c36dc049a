import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * The MCP server's stdio: the MCP SDK's transport, plus the answer JSON-RPC 2.0 requires for a line that
 * is not JSON (-32700, Parse error) or is JSON but not a JSON-RPC message (-32600, Invalid Request). The
 * SDK drops such a line without a word, and a client that sent it would wait for an answer that never
 * comes. The id is null: a line that could not be read has none to echo (JSON-RPC 2.0, section 5).
 */
export function stdioTransport(): StdioServerTransport {
  const transport = new StdioServerTransport();
  // Set before connect(): the MCP server chains its own handler after this one.
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
