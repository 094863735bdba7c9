/** Small pieces of the view renderer: emoji for emoticons, dates for `<time>`, the table of contents. */
import { escapeHtml } from './markup';
import { EMOTICONS } from './vocabulary';

/** Emoji for emoticon names that carry no `ac:emoji-fallback` (older pages). */
export const EMOJI_BY_NAME: Record<string, string> = {
  'sad': '🙁', 'cheeky': '😛', 'laugh': '😀', 'wink': '😉', 'thumbs-down': '👎', 'question': '❓', 'plus': '➕',
  'minus': '➖', 'light-off': '💡', 'yellow-star': '⭐', 'red-star': '⭐', 'green-star': '⭐', 'blue-star': '⭐', 'heart': '❤️',
  'broken-heart': '💔',
};
for (const e of EMOTICONS) EMOJI_BY_NAME[e.name] ??= e.fallback;

/** `2024-05-01` -> `01 May 2024`, the way Confluence shows dates. */
export const formatDate = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return m && +m[2] >= 1 && +m[2] <= 12 ? `${m[3]} ${months[+m[2] - 1]} ${m[1]}` : iso;
};

export interface TocHeading {
  level: number;
  id: string;
  text: string;
}

/** The table of contents listing `headings` within the toc macro's `minLevel`..`maxLevel`, nested by level. */
export function tocHtml(headings: readonly TocHeading[], params: Record<string, string>): string {
  const min = Number(params.minLevel) || 1;
  const max = Number(params.maxLevel) || 7;
  let html = '<div class="toc-macro client-side-toc-macro conf-macro output-block" data-hasbody="false" data-macro-name="toc">';
  let depth = 0;
  for (const h of headings) {
    if (h.level < min || h.level > max) continue;
    const target = h.level - min + 1;
    if (depth === 0) {
      html += '<ul>';
      depth = 1;
    }
    for (; depth < target; depth++) html += '<li><ul>';
    for (; depth > target; depth--) html += '</ul></li>';
    html += `<li><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`;
  }
  for (; depth > 1; depth--) html += '</ul></li>';
  if (depth === 1) html += '</ul>';
  return `${html}</div>`;
}
