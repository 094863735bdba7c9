import type { ConversionWarning, WarningKind } from '../types';

/** Collects warnings, one per kind and message, with a count (the shape CONVENTIONS.md asks for). */
export class WarningCollector {
  private readonly byKey = new Map<string, ConversionWarning>();

  /** Records `count` occurrences of one kind of loss. */
  add(kind: WarningKind, message: string, count = 1): void {
    if (count <= 0) return;
    const key = `${kind}\u0000${message}`;
    const existing = this.byKey.get(key);
    if (existing) existing.count += count;
    else this.byKey.set(key, { kind, message, count });
  }

  /** The warnings in the order their kinds first occurred. */
  list(): ConversionWarning[] {
    return [...this.byKey.values()];
  }
}
