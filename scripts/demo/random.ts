/**
 * A small seeded PRNG (mulberry32). The demo data must be byte-for-byte reproducible, so the
 * generator never touches Math.random; every draw comes from a stream derived from one seed.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A stream for one purpose (`'sanctions/targets'`, …). Separate streams keep a change in one
   * part of the generator from reshuffling every other column.
   */
  static derive(seed: number, label: string): Random {
    return new Random((seed ^ fnv1a(label)) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let u = this.next() * total;
    for (const [item, w] of items) {
      u -= w;
      if (u < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** A draw from the standard logistic distribution (the error term of a logit model). */
  logistic(): number {
    const u = (this.next() * 4294967295 + 0.5) / 4294967296;
    return Math.log(u / (1 - u));
  }

  /** A draw from the standard Gumbel distribution (adding it to log weights samples a category). */
  gumbel(): number {
    const u = (this.next() * 4294967295 + 0.5) / 4294967296;
    return -Math.log(-Math.log(u));
  }

  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
