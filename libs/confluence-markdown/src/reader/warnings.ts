import { ConversionWarning, WarningKind } from '../types';

/** Counts warnings by kind and message, in the order they first occur. */
export class WarningCollector {
  private readonly counts = new Map<string, ConversionWarning>();

  add(kind: WarningKind, message: string, count = 1): void {
    const key = `${kind}\u0000${message}`;
    const existing = this.counts.get(key);
    if (existing) existing.count += count;
    else this.counts.set(key, { kind, message, count });
  }

  list(): ConversionWarning[] {
    return [...this.counts.values()].map((w) => ({ ...w }));
  }
}
