/**
 * Looking ahead in the storage without losing linear time: the pre-processor asks, at each unknown macro, whether a
 * rich-text body follows before any other macro starts or ends. Each question is a search for a fixed string from a
 * position that never decreases during one pass, so each search resumes where the last one stopped.
 */

/** The next occurrence of `needle` at or after a position, remembered between calls. */
export class NextOccurrence {
  private from = -1;
  private found = -1;

  constructor(
    private readonly input: string,
    private readonly needle: string,
  ) {}

  /** Index of the first occurrence at or after `from`, or -1. */
  at(from: number): number {
    // The last answer still holds when it lies ahead of `from`, or when nothing was left after an earlier `from`.
    if (this.from >= 0 && this.from <= from && (this.found >= from || this.found < 0)) return this.found;
    this.from = from;
    this.found = this.input.indexOf(this.needle, from);
    return this.found;
  }
}

const BODY = '<ac:rich-text-body';

/** Whether a macro's rich-text body follows its start tag (before any other macro starts or ends). */
export class RichBodyLookahead {
  private readonly bodies: NextOccurrence;
  private readonly macroStarts: NextOccurrence;
  private readonly macroEnds: NextOccurrence;

  constructor(private readonly input: string) {
    this.bodies = new NextOccurrence(input, BODY);
    this.macroStarts = new NextOccurrence(input, '<ac:structured-macro');
    this.macroEnds = new NextOccurrence(input, '</ac:structured-macro');
  }

  /**
   * `tagEnd` is just after the macro's start tag. Confluence writes parameters first and the body last, so a body
   * met before any other macro boundary is this macro's own (the rules check the parsed tree again).
   */
  followsAt(tagEnd: number): boolean {
    const body = this.bodies.at(tagEnd);
    if (body < 0 || !/[\s>/]/.test(this.input[body + BODY.length] ?? '')) return false;
    const nextStart = this.macroStarts.at(tagEnd);
    const nextEnd = this.macroEnds.at(tagEnd);
    return (nextStart < 0 || body < nextStart) && (nextEnd < 0 || body < nextEnd);
  }
}
