import { describe, expect, it } from "vitest";
import { shardSize, splitParts, splitRange } from "../../src/export/plan";

describe("export planning", () => {
  it("splitRange tiles an inclusive range exactly: no gap, no overlap", () => {
    for (const [from, to, parts] of [
      [0, 99, 3],
      [1_700_000_000_000, 1_700_000_000_006, 3],
      [5, 5, 4],
      [10, 12, 16],
    ] as const) {
      const cells = splitRange(from, to, parts);
      expect(cells[0]?.[0]).toBe(from);
      expect(cells.at(-1)?.[1]).toBe(to);
      for (const [a, b] of cells) expect(b).toBeGreaterThanOrEqual(a);
      for (let i = 1; i < cells.length; i++) expect(cells[i]?.[0]).toBe((cells[i - 1]?.[1] ?? 0) + 1);
      expect(cells.reduce((n, [a, b]) => n + b - a + 1, 0)).toBe(to - from + 1);
    }
  });

  it("splits only what is too big and can still be cut", () => {
    expect(splitParts(1000, 1000, 0, 100)).toBe(1);
    expect(splitParts(1001, 1000, 0, 100)).toBe(3);
    expect(splitParts(50_000, 1000, 0, 100)).toBe(51);
    expect(splitParts(10_000_000, 1000, 0, 1_000_000)).toBe(64);
    expect(splitParts(5000, 1000, 7, 7)).toBe(1); // one ms wide
    expect(splitParts(5000, 1000, 7, 8)).toBe(2);
  });

  it("sizes shards as whole pages, about two per worker", () => {
    expect(shardSize(100, 8, 500)).toBe(500);
    expect(shardSize(16_000, 8, 500)).toBe(1000);
    expect(shardSize(100_000, 8, 500)).toBe(6500);
  });
});
