// A server whose TLS certificate Node does not trust (here self-signed, as a proxy or antivirus that
// inspects TLS presents its own): the error says so and what to do. Real HTTPS over loopback; the
// certificate and key in ../fixtures are for these tests only.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { APIConnectionError, Hotmart } from "hotmart";
import { afterEach, describe, expect, it } from "vitest";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("a TLS certificate the runtime does not trust", () => {
  it("fails the token request with the certificate's code and points to NODE_EXTRA_CA_CERTS", async () => {
    const requests: string[] = [];
    server = createServer(
      { key: fixture("self-signed.key.pem"), cert: fixture("self-signed.cert.pem") },
      (req, res) => {
        requests.push(req.url ?? "");
        res.end("{}");
      },
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    const client = new Hotmart({ clientId: "id", clientSecret: "secret-value", baseURL: url, maxRetries: 0 });

    const error = await client.sales.history().catch((e: unknown) => e);
    await client.close();

    expect(error).toBeInstanceOf(APIConnectionError);
    const message = (error as Error).message;
    expect(message).toMatch(/could not reach Hotmart .*\): DEPTH_ZERO_SELF_SIGNED_CERT\. /);
    expect(message).toMatch(/not trusted: .*NODE_EXTRA_CA_CERTS/);
    expect(message).not.toContain("secret-value");
    // The TLS handshake failed: no request reached the server.
    expect(requests).toEqual([]);
  });
});
