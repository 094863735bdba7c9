/** One `BENCH {json}` line per figure set: what was measured, on what, and the target it is held to. */

export interface BenchReport {
  name: string;
  inputs: Record<string, unknown>;
  figures: Record<string, number>;
  target: Record<string, unknown>;
  /** Whether the figures meet the target (printed, never asserted: a slow machine is not a red build). */
  met: boolean;
}

export function report(result: BenchReport): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
