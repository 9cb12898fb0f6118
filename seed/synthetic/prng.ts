/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the draws the generator needs. The same seed gives
 * the same sequence on every machine: all the synthetic data's content follows from `--seed`.
 */

/** splitmix32: spreads a small seed over the four words of sfc32's state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for one part of the data (accounts, report i, alerts …), from this seed and a label. */
  static derive(seed: number, stream: number): Rng {
    return new Rng((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(stream >>> 0, 0x165667b1)) >>> 0);
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Exponential with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `n` hexadecimal digits. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}

/** Weighted choice in O(log n): cumulative weights and a binary search. */
export class Weighted<T> {
  private readonly cumulative: number[];
  readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new RangeError('a weighted choice needs as many weights as items, at least one');
    let sum = 0;
    this.cumulative = weights.map((w) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`bad weight ${w}`);
      return (sum += w);
    });
    if (sum <= 0) throw new RangeError('the weights add up to 0');
    this.total = sum;
  }

  static of<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
    return new Weighted(
      entries.map(([item]) => item),
      entries.map(([, w]) => w),
    );
  }

  /** The item whose cumulative share holds `u` ∈ [0, 1). */
  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  draw(rng: Rng): T {
    return this.at(rng.next());
  }

  /** The share of an item's weight in the total (for tests and documentation). */
  share(index: number): number {
    const before = index === 0 ? 0 : (this.cumulative[index - 1] as number);
    return ((this.cumulative[index] as number) - before) / this.total;
  }
}

/**
 * A UUID with the version-7 layout (48-bit Unix milliseconds, then random bits from `rng`): ids sort by the
 * instant they stand for, as the platform's own uuidv7 ids do, and follow from the seed.
 */
export function uuidV7At(ms: number, rng: Rng): string {
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const r = rng.hex(20);
  const variant = ((parseInt(r[3] as string, 16) & 0x3) | 0x8).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(8, 20)}`;
}
