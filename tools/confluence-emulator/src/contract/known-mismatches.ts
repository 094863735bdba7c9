/**
 * Mismatches between the emulator and the specs that are known, reported to the owner of the code, and not yet
 * fixed (the contract may only fix one-liners in routes/v2 and http). A violation matching an entry is
 * tolerated; an entry that no longer matches anything fails the suite, so the list shrinks as fixes land.
 * Everything else fails at once.
 */

/** One reported mismatch. */
export interface KnownMismatch {
  id: string;
  /** Matches the violation text (`METHOD path: problem`). */
  pattern: RegExp;
  /** Where the fix belongs. */
  where: string;
  /** What the spec says. */
  spec: string;
  flavor: 'cloud' | 'dc';
}

/** The list; keep each entry precise enough to act on. */
export const KNOWN_MISMATCHES: readonly KnownMismatch[] = [
];

/** Splits violations into the unexpected ones and the ids of known mismatches they matched. */
export function triage(violations: readonly string[], flavor: 'cloud' | 'dc'): { unexpected: string[]; seen: string[] } {
  const unexpected: string[] = [];
  const seen: string[] = [];
  for (const violation of violations) {
    const known = KNOWN_MISMATCHES.find((entry) => entry.flavor === flavor && entry.pattern.test(violation));
    if (known) seen.push(known.id);
    else unexpected.push(violation);
  }
  return { unexpected, seen };
}

/** Known mismatches of a flavour that the run did not meet: fixed, so they must leave the list. */
export function staleMismatches(seen: ReadonlySet<string>, flavor: 'cloud' | 'dc'): string[] {
  return KNOWN_MISMATCHES.filter((entry) => entry.flavor === flavor && !seen.has(entry.id)).map((entry) => `${entry.id} no longer happens: remove it from known-mismatches.ts`);
}
