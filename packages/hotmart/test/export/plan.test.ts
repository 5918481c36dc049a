import { describe, expect, it } from "vitest";
import {
  estimatePageBytes,
  firstCells,
  firstHeldPagesBudget,
  fitsHeldBytes,
  HELD_BYTES,
  heldPagesBudget,
  keepsFirstPage,
  shardSize,
  splitParts,
  splitRange,
} from "../../src/export/plan";

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

  it("starts with one cell per worker, shared among the status walks", () => {
    expect(firstCells(1, 8)).toBe(8);
    expect(firstCells(2, 8)).toBe(4);
    expect(firstCells(17, 8)).toBe(1);
    expect(firstCells(1, 1)).toBe(1);
    // Each first cell holds a full page until the plan is fixed: never more than eight at once.
    expect(firstCells(1, 16)).toBe(8);
    expect(firstCells(2, 64)).toBe(4);
  });

  it("walks on from a first page unless the shard is far bigger than planned", () => {
    expect(keepsFirstPage(1000, 1000)).toBe(true);
    expect(keepsFirstPage(1500, 1000)).toBe(true);
    expect(keepsFirstPage(1501, 1000)).toBe(false);
  });

  it("holds every worker's page while the loop waits, and two when pages pile up behind it", () => {
    let budget = 10;
    for (let i = 0; i < 20; i++) budget = heldPagesBudget(budget, "backlog", 8);
    expect(budget).toBe(2);
    budget = heldPagesBudget(budget, "starved", 8);
    expect(budget).toBe(3);
    for (let i = 0; i < 20; i++) budget = heldPagesBudget(budget, "starved", 8);
    expect(budget).toBe(10);
    expect(heldPagesBudget(3, "backlog", 1)).toBe(2);
  });

  it("starts holding at most ten pages, whatever the concurrency, until the loop shows it keeps up", () => {
    expect(firstHeldPagesBudget(1)).toBe(3);
    expect(firstHeldPagesBudget(8)).toBe(10);
    expect(firstHeldPagesBudget(16)).toBe(10);
    expect(heldPagesBudget(firstHeldPagesBudget(16), "starved", 16)).toBe(11);
  });

  it("fetches past two held pages only while the records waiting weigh less than the byte budget", () => {
    expect(fitsHeldBytes(50 * HELD_BYTES, 1)).toBe(true); // the loop's page and the next, whatever they weigh
    expect(fitsHeldBytes(HELD_BYTES - 1, 5)).toBe(true);
    expect(fitsHeldBytes(HELD_BYTES, 2)).toBe(false);
    expect(fitsHeldBytes(1_000, 3, 1_000)).toBe(false);
  });

  it("estimates a page's bytes from a few of its records", () => {
    const record = { id: 1, name: "Paula", email: "paula@example.com" };
    const size = JSON.stringify(record).length;
    expect(estimatePageBytes([])).toBe(0);
    expect(estimatePageBytes([record])).toBe(size);
    expect(estimatePageBytes(Array.from({ length: 500 }, () => record))).toBe(500 * size);
  });
});
