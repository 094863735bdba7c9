/**
 * The markdown-it instance the writer parses with: CommonMark + GFM (tables, strikethrough, autolinks
 * including `www.` links), raw HTML kept as tokens (placeholders, `<details>`, reader tables), and our rules
 * for task lists, alerts, expands, macro body markers and inline directives. Built once: building compiles every rule chain.
 */
import MarkdownIt from 'markdown-it';
import { alertRule } from './alerts';
import { contextOf } from './context';
import { detailsRule } from './details';
import { directiveRule } from './inline-directives';
import { pairMarkersRule, splitMarkersRule } from './macro-bodies';
import { taskListRule } from './tasks';

type StateBlock = MarkdownIt.StateBlock;

/**
 * Deepest block nesting (quotes, lists) parsed as structure. markdown-it's block parser recurses once per
 * level, so the bound is what keeps 5 000 nested `>` off the call stack limit; past it, the remaining
 * lines are kept as literal text (`depth-limited` warning) rather than dropped as markdown-it would.
 */
export const MAX_NESTING = 100;

/** The token type holding text kept literally past `MAX_NESTING`. */
export const DEPTH_LIMITED = 'depth_limited';

let instance: MarkdownIt.MarkdownIt | undefined;

/** The shared parser (parsing state lives in each call's env, so one instance serves every call). */
export function writerParser(): MarkdownIt.MarkdownIt {
  instance ??= createParser();
  return instance;
}

function createParser(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt('default', { html: true, xhtmlOut: true, linkify: true, maxNesting: MAX_NESTING });
  addWwwAutolinks(md);
  md.inline.ruler.before('linkify', 'confluence_directive', directiveRule);
  md.core.ruler.after('strip_references', 'confluence_tasks', taskListRule);
  md.core.ruler.after('confluence_tasks', 'confluence_alerts', alertRule);
  md.core.ruler.after('confluence_alerts', 'confluence_details', detailsRule);
  md.core.ruler.after('confluence_details', 'confluence_macro_markers', splitMarkersRule);
  md.core.ruler.after('confluence_macro_markers', 'confluence_macro_bodies', pairMarkersRule);
  // text_join only merges escaped characters into neighbouring text for HTML renderers; ours escapes
  // `text_special` tokens itself, and a 5 MB page is one pass over every inline token cheaper.
  md.core.ruler.disable('text_join');
  keepTextPastMaxNesting(md);
  placeholderFollowedByTextIsInline(md);
  return md;
}

/** A line starting with placeholders, and what follows them. */
const LEADING_PLACEHOLDERS = /^(?:<!--confluence:[A-Za-z0-9_.:-]*:[A-Za-z0-9_-]*-->[ \t]*)+/;

/**
 * CommonMark makes any line that starts with `<!--` an HTML block, so a paragraph that begins with an inline
 * placeholder (an anchor macro before a heading's text, say) would lose its Markdown. A placeholder followed
 * by text on its line is inline (CONVENTIONS.md): such a line is left to the paragraph rule.
 */
function placeholderFollowedByTextIsInline(md: MarkdownIt.MarkdownIt): void {
  const ruler = md.block.ruler;
  const rule = ruler.__rules__[ruler.__find__('html_block')];
  const htmlBlock = rule.fn;
  ruler.at(
    'html_block',
    (state, startLine, endLine, silent) => {
      const start = state.bMarks[startLine] + state.tShift[startLine];
      if (state.src.startsWith('<!--confluence:', start)) {
        const line = state.src.slice(start, state.eMarks[startLine]);
        const placeholders = LEADING_PLACEHOLDERS.exec(line);
        if (placeholders && placeholders[0].length < line.length) return false;
      }
      return htmlBlock(state, startLine, endLine, silent);
    },
    { alt: rule.alt },
  );
}

/**
 * GFM's extended autolinks include `www.example.com`; linkify-it only finds those with `fuzzyLink`, which
 * also links `README.md` and `setup.py` (two-letter TLDs). A `www.` schema links exactly GFM's form.
 */
function addWwwAutolinks(md: MarkdownIt.MarkdownIt): void {
  let pattern: RegExp | undefined;
  md.linkify.add('www.', {
    validate: (text, pos, self) => {
      pattern ??= new RegExp(`(?:${self.re.get_fuzzy_url_host_port().source})(?:${self.re.get_path().source})`, 'iy');
      pattern.lastIndex = pos;
      const match = pattern.exec(text);
      return match ? match[0].length : 0;
    },
    normalize: (match) => {
      match.url = `http://${match.url}`;
    },
  });
}

/**
 * markdown-it stops parsing a container past `maxNesting` and drops the rest of its lines. We keep those
 * lines as one literal text block instead, and say so: a write must not lose content silently.
 */
function keepTextPastMaxNesting(md: MarkdownIt.MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    if (state.level < MAX_NESTING) {
      tokenize(state, startLine, endLine);
      return;
    }
    // Same entry checks as markdown-it's own loop: nothing to do, or a line that belongs to the parent.
    const first = state.skipEmptyLines(startLine);
    state.line = first;
    if (first >= endLine || state.sCount[first] < state.blkIndent) return;
    const token = state.push(DEPTH_LIMITED, '', 0);
    token.content = state.getLines(first, endLine, state.blkIndent, false);
    token.map = [first, endLine];
    contextOf(state.env).warnings.add('depth-limited', `content nested deeper than ${MAX_NESTING} levels was kept as plain text`);
    state.line = endLine;
  };
}
