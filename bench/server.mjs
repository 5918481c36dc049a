// The loopback Hotmart stand-in for bench/overhead.mjs. It runs in a child process so that serving
// requests neither competes with the measured client for its event loop nor shows up in its heap or in
// its CPU time (process.cpuUsage() of the benchmark is then the clients' work alone).
import { createServer } from "node:http";

const TOKEN = JSON.stringify({
  access_token: "bench-token",
  token_type: "bearer",
  expires_in: 172799,
  scope: "read write",
  jti: "x",
});

/**
 * One sale shaped like docs/api-notes.md §8.1 S1 (sales history), varied a little per index. The last one
 * has no buyer and only `source_sck` tracking, as real sales sometimes do (§8.1 S1 observations).
 */
function sale(i, last) {
  const price = 97 + i * 50;
  const buyer = {
    name: `Compradora ${i + 1}`,
    ucode: `0a1b2c3d-0000-4000-8000-00000000a00${i}`,
    email: `buyer${i + 1}@example.com`,
  };
  const tracking = last
    ? { source_sck: "landing-b" }
    : { source_sck: "landing-a", source: "instagram", external_code: `camp0${i}` };
  return {
    product: { name: `Curso Exemplo ${i + 1}`, id: 1234567 + i },
    ...(last ? {} : { buyer }),
    producer: { name: "Produtora Fictícia", ucode: "0a1b2c3d-0000-4000-8000-00000000b002" },
    purchase: {
      transaction: `HP1000000000000${i}`,
      order_date: 1717200000000 + i * 3_600_000,
      approved_date: 1717200030000 + i * 3_600_000,
      status: "APPROVED",
      recurrency_number: 1,
      is_subscription: false,
      commission_as: "PRODUCER",
      price: { value: price, currency_code: "BRL" },
      payment: { method: "CREDIT_CARD_VISA", installments_number: 3, type: "CREDIT_CARD" },
      tracking,
      warranty_expire_date: 1717804800000 + i * 3_600_000,
      offer: { payment_mode: "UNIQUE_PAYMENT", code: "k2pasun0" },
      hotmart_fee: {
        total: +(price * 0.079 + 1).toFixed(2),
        fixed: 1,
        currency_code: "BRL",
        base: price,
        percentage: 7.9,
      },
    },
  };
}

// Three sales make the ~2 KB page the benchmark asks for; it is serialised once, as a real server's
// cost is not what we measure.
const ITEMS = 3;
const PAGE = JSON.stringify({
  items: Array.from({ length: ITEMS }, (_, i) => sale(i, i === ITEMS - 1)),
  page_info: {
    total_results: 1432,
    next_page_token: Buffer.from('{"rows":3,"page":2}').toString("base64"),
    results_per_page: ITEMS,
  },
});

const counts = { token: 0, page: 0, other: 0 };

// No RateLimit-* headers: with a 500/min quota in them the SDK would (rightly) throttle the benchmark.
function handle(req, res) {
  const { pathname } = new URL(req.url, "http://loopback");
  req.resume();
  if (req.method === "POST" && pathname === "/security/oauth/token") {
    counts.token++;
    return send(res, 200, TOKEN);
  }
  if (req.method === "GET" && pathname === "/payments/api/v1/sales/history") {
    counts.page++;
    return send(res, 200, PAGE);
  }
  counts.other++;
  send(res, 404, JSON.stringify({ error: "not_found" }));
}

function send(res, status, body) {
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer(handle);
// Longer than the whole benchmark, so no run pays for a reconnect after an idle pause.
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => {
  process.send({ port: server.address().port, pageBytes: Buffer.byteLength(PAGE), items: ITEMS });
});

process.on("message", (message) => {
  if (message === "counts") process.send({ counts });
});
// Never outlive the benchmark, however it ends.
process.on("disconnect", () => process.exit(0));
