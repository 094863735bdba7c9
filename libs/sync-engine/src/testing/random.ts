/** Seeded randomness for specs: a failing iteration can be replayed from its seed. */

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export type Random = () => number;

/** mulberry32: tiny and good enough to pick crash points and edits. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One item of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  return items[Math.floor(random() * items.length)];
}

/** A copy of `items` in random order (Fisher-Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'vas', 'por', 'qui', 'zel', 'bra', 'dun', 'fey', 'gor', 'hil', 'jen', 'wex'];

/** `count` paragraphs of about 60 made-up words each, as Confluence storage XHTML. */
export function storageParagraphs(random: Random, count: number): string {
  const word = () => Array.from({ length: between(random, 2, 3) }, () => pick(random, SYLLABLES)).join('');
  const sentence = () => `${Array.from({ length: between(random, 8, 14) }, word).join(' ')}.`;
  return Array.from({ length: count }, () => `<p>${Array.from({ length: 5 }, sentence).join(' ')}</p>`).join('');
}
