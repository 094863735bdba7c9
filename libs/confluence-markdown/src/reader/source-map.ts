/**
 * Exact storage source of the elements the pre-processor numbered (`data-cf-index`), so that a rule can turn any
 * of them into a placeholder byte for byte, whatever the HTML parser did to the DOM copy.
 */
export class SourceMap {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly names: string[] = [];
  /** Where the content starts (after the start tag) and ends (before the end tag); -1 when unknown. */
  private readonly innerStarts: number[] = [];
  private readonly innerEnds: number[] = [];

  constructor(private readonly input: string) {}

  /** Numbers an element starting at `start` (its content at `innerStart`); its end is set when it closes. */
  open(name: string, start: number, end = -1, innerStart = -1): number {
    this.starts.push(start);
    this.ends.push(end);
    this.names.push(name);
    this.innerStarts.push(innerStart);
    this.innerEnds.push(end < 0 ? -1 : innerStart);
    return this.starts.length - 1;
  }

  /** The element ends at `end`, its content at `innerEnd` (the start of its end tag, or where it was cut off). */
  close(index: number, end: number, innerEnd = end): void {
    this.ends[index] = end;
    this.innerEnds[index] = innerEnd;
  }

  /**
   * The source before and after an element's content, when both are known (the element was written with a start
   * tag and closed): `source = before + content + after`.
   */
  around(index: number, within: number): { before: string; after: string } | undefined {
    const [start, end] = [this.starts[within], this.ends[within]];
    const [innerStart, innerEnd] = [this.innerStarts[index], this.innerEnds[index]];
    if (end < 0 || innerStart < 0 || innerEnd < innerStart || innerStart < start || innerEnd > end) return undefined;
    return { before: this.input.slice(start, innerStart), after: this.input.slice(innerEnd, end) };
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
