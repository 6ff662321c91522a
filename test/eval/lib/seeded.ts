/**
 * Deterministic randomness for the question-set builders, so a rebuild writes the same questions.
 */

/** A seeded source of random draws; `pick` and `shuffle` consume the same sequence as `random`. */
export interface Seeded {
  random(): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: a small deterministic PRNG, with the draws the builders need on top. */
export function seeded(seed: number): Seeded {
  let a = seed;
  const random = (): number => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    pick: (items) => items[Math.floor(random() * items.length)]!,
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** An edge as the builders write it. */
interface Edge {
  from: string;
  to: string;
  type: string;
}

/** Neighbour look-ups over a bundle's relationships: targets of `from`, sources of `to`. */
export function neighbours(relationships: readonly Edge[]): {
  out(from: string, type: string): string[];
  into(to: string, type: string): string[];
} {
  return {
    out: (from, type) => relationships.filter((r) => r.from === from && r.type === type).map((r) => r.to),
    into: (to, type) => relationships.filter((r) => r.to === to && r.type === type).map((r) => r.from),
  };
}
