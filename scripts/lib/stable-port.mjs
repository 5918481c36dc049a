// A loopback port for a server that binds some time after its port is chosen: a child process told
// `--port N`, a server restarted on the port it had. A port taken from listen(0) comes from the kernel's
// ephemeral range, the range it also hands every outgoing connection and every other listen(0): while a
// busy suite runs beside it, one of those can take the port before the server binds, and the server
// fails with EADDRINUSE (seen in CI: `hotmart webhooks listen` in the README's shell block). A port
// below that range is only ever taken by a program that asks for it by number.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** The first port of the ephemeral range: Linux's from /proc, else IANA's (macOS, Windows). */
function ephemeralStart() {
  try {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/);
    if (Number(low) > 12_000) return Number(low);
  } catch {
    // not Linux
  }
  return 49_152;
}

const canListen = (port, host) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });

/** A port free on `host` now, from 10000 up to the ephemeral range, picked at random. */
export async function stablePort(host = "127.0.0.1") {
  const low = 10_000;
  const high = ephemeralStart() - 1;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await canListen(port, host)) return port;
  }
  throw new Error(`stablePort: no free port on ${host} between ${low} and ${high} in 100 tries`);
}
