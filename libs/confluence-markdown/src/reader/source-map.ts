/**
 * Exact storage source of the elements the pre-processor numbered (`data-cf-index`), so that a rule can turn any
 * of them into a placeholder byte for byte, whatever the HTML parser did to the DOM copy.
 */
export class SourceMap {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly names: string[] = [];

  constructor(private readonly input: string) {}

  /** Numbers an element starting at `start`; its end is set when it closes. */
  open(name: string, start: number, end = -1): number {
    this.starts.push(start);
    this.ends.push(end);
    this.names.push(name);
    return this.starts.length - 1;
  }

  close(index: number, end: number): void {
    this.ends[index] = end;
  }

  source(index: number): string {
    const end = this.ends[index];
    return this.input.slice(this.starts[index], end < 0 ? this.input.length : end);
  }

  /** The placeholder name: a macro name or an element name. */
  name(index: number): string {
    return this.names[index];
  }

  has(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.starts.length;
  }
}
