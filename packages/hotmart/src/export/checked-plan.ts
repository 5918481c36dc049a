/**
 * What a resumed plan must hold before its first request. `run()` checks a checkpoint's shape at once;
 * this, the rest, loads with the engine (the first iteration), so an app that never exports does not
 * carry it. A checkpoint is a file a person can edit or a program can damage, so what the plan relies on
 * is checked, not trusted: a status its list does not take (Hotmart's 400 would only come when that walk
 * starts, after the records of the walks before it), and shards of one walk that overlap (records
 * repeated) or leave a gap (records missing, without a word) in the export's range.
 */
import { HotmartInputError } from "../core/errors";
import type { ExportCheckpoint } from "./checkpoint";
import type { ResourceSpec } from "./resources";

export function refuseDamagedPlan(c: ExportCheckpoint, spec: ResourceSpec): void {
  const bad = (why: string) =>
    new HotmartInputError(
      `resume is not a usable export checkpoint (${why}): pass what checkpoint() returned`,
    );
  if (c.from > c.to) throw bad("no range");
  if (typeof c.params !== "object" || c.params === null || Array.isArray(c.params)) {
    throw bad("params is not an object");
  }
  if (!isWhole(c.pageSize) || c.pageSize < 1 || c.pageSize > spec.maxPageSize) {
    throw bad(`page size ${String(c.pageSize)} is not from 1 to ${spec.maxPageSize}`);
  }
  if (c.shardSize !== undefined && (!isWhole(c.shardSize) || c.shardSize < 1)) throw bad("a bad shard size");
  if (!isWhole(c.records) || c.records < 0 || !isWhole(c.nextId)) throw bad("bad counters");
  if (c.statuses.length === 0) throw bad("no status walks");
  for (const status of c.statuses) {
    if (status !== null && !(typeof status === "string" && spec.statuses?.includes(status))) {
      const takes = spec.statuses ? ` (${spec.statuses.join(", ")})` : "";
      throw bad(`status ${JSON.stringify(status)} is not a transaction_status ${c.resource} takes${takes}`);
    }
    if (c.statuses.indexOf(status) !== c.statuses.lastIndexOf(status)) throw bad("a status walked twice");
  }
  const ids = new Set<number>();
  for (const s of c.shards) {
    const malformed =
      !isWhole(s.id) ||
      s.id < 0 ||
      s.id >= c.nextId ||
      ids.has(s.id) ||
      s.from > s.to ||
      (s.token !== undefined && (typeof s.token !== "string" || s.token === "")) ||
      (s.count !== undefined && (!isWhole(s.count) || s.count < 0));
    if (malformed) throw bad("a malformed shard");
    ids.add(s.id);
    if (!c.statuses.includes(s.status)) throw bad(`shard ${s.id} walks a status the export does not`);
  }
  // Each walk's shards tile the range: sorted, each starts 1 ms after the one before it ends.
  for (const status of c.statuses) {
    const walk = c.shards.filter((s) => s.status === status).sort((a, b) => a.from - b.from);
    let next = c.from;
    for (const s of walk) {
      if (s.from < next) throw bad(`shard ${s.id} overlaps the one before it`);
      if (s.from > next) throw bad(`the shards leave ${dates(next, s.from - 1)} out`);
      next = s.to + 1;
    }
    if (next !== c.to + 1) throw bad(`the shards leave ${dates(next, c.to)} out`);
  }
}

const isWhole = (n: unknown): n is number => Number.isSafeInteger(n);

const dates = (from: number, to: number) =>
  `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
