/**
 * A small seeded PRNG (sfc32, seeded through splitmix32). Faker is used for human-looking text;
 * numbers that are drawn by the hundred thousand (prices, dates, statuses) come from here, because it
 * is an order of magnitude cheaper and gives the same sequence on every platform and Node version.
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Every argument is folded into the seed, so `new Rng(seed, stream("sales"))` gives an independent stream. */
  constructor(...seeds: number[]) {
    let h = 0x243f6a88;
    for (const s of seeds) h = splitmix32((h ^ (s >>> 0)) >>> 0);
    this.#a = splitmix32(h);
    this.#b = splitmix32(this.#a);
    this.#c = splitmix32(this.#b);
    this.#d = splitmix32(this.#c);
    // The first outputs of sfc32 are weakly mixed; discard them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined && items.length === 0) throw new RangeError("pick() from an empty list");
    return item as T;
  }

  /** Picks by weight: `[["APPROVED", 40], ["REFUNDED", 5]]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let roll = this.next() * total;
    for (const [value, w] of entries) {
      roll -= w;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError("weighted() from an empty list");
    return last[0];
  }

  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  digits(length: number): string {
    return this.chars(length, DIGITS);
  }
}

export const DIGITS = "0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const MIXED_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a: turns a stream name into a number to fold into a seed. */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Draws values from `draw` until one is not in `taken`, then reserves it. */
export function unique<T>(taken: Set<T>, draw: () => T): T {
  for (let i = 0; i < 1000; i++) {
    const value = draw();
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
  throw new Error("Could not draw a unique value in 1000 attempts");
}
