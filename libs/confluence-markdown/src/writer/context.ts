import type { MarkdownToStorageOptions } from '../types';
import type { WarningCollector } from './warnings';

/** State shared by every part of one `markdownToStorage` call. */
export interface WriterContext {
  readonly options: MarkdownToStorageOptions;
  readonly warnings: WarningCollector;
  /** Task ids are renumbered from 1 across the whole page (CONVENTIONS.md, task lists). */
  nextTaskId: number;
}

const CONTEXT = Symbol('confluence-markdown writer context');

/** markdown-it's parser environment carrying our context, so parser rules can warn and read options. */
export function envFor(context: WriterContext): Record<symbol, unknown> {
  return { [CONTEXT]: context };
}

/** The context stored by `envFor` (parser rules only run inside `markdownToStorage`). */
export function contextOf(env: Record<string | symbol, unknown>): WriterContext {
  return env[CONTEXT] as WriterContext;
}
