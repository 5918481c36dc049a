import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener, type HttpBindings } from "@hono/node-server";

export interface Listening {
  server: Server;
  host: string;
  port: number;
}

/** Serves `fetch` on a Node server, so the Node socket stays reachable to the reset and drop faults. */
export async function listen(
  fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<Listening> {
  const listener = getRequestListener((request, env) => fetch(request, env as HttpBindings), {
    // Do not replace the process's global Request/Response: the simulator often runs inside a user's test process.
    overrideGlobalObjects: false,
    // The adapter drains a body left unread when the answer is out for 500 ms, then closes the
    // connection: a client slower than that to send the rest (any client on a loaded machine) had the
    // 413 it had not read yet thrown away by the reset, or a connection the answer called keep-alive
    // closed under its next request. The simulator reads a refused body itself (drainRefused, body.ts);
    // a body no route read is dumped by Node, and the connection kept.
    autoCleanupIncoming: false,
  });
  const server = createServer((req, res) => {
    void listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { server, host, port: address.port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
