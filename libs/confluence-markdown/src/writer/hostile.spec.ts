import { markdownToStorage } from './index';
import { MAX_NESTING } from './parser';
import { toStorage, wellFormedProblem } from './spec-helpers';

const DEPTH = 5000;

describe('hostile input', () => {
  it('converts a 5 MB document', () => {
    const block =
      '# Heading\n\nSome **bold** text, a [link](https://example.com), `code`, :status[OK]{colour="Green"}.\n\n' +
      '- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> [!NOTE] Title\n> body\n\n' +
      '```python title="x"\nprint("]]>")\n```\n\n<details>\n<summary>More</summary>\n\ninside\n\n</details>\n\n';
    const markdown = block.repeat(Math.ceil(5_000_000 / block.length));
    const { storage, warnings } = markdownToStorage(markdown);
    const blocks = markdown.length / block.length;
    expect(storage.split('<ac:task-status>').length - 1).toBe(2 * blocks);
    expect(storage.split('<ac:structured-macro ac:name="expand">').length - 1).toBe(blocks);
    expect(warnings).toEqual([]);
    expect(wellFormedProblem(storage)).toBeUndefined();
  });

  it.each([
    ['quotes', '>'.repeat(DEPTH) + ' deepest'],
    ['spaced quotes', '> '.repeat(DEPTH) + 'deepest'],
    ['bullet lists', '- '.repeat(DEPTH) + 'deepest'],
    ['ordered lists', '1. '.repeat(DEPTH) + 'deepest'],
    ['quotes in lists', '- > '.repeat(DEPTH) + 'deepest'],
    ['indented lists', Array.from({ length: DEPTH }, (_, i) => `${' '.repeat(2 * i)}- item`).join('\n') + '\n\ndeepest'],
  ])(`keeps %s nested ${DEPTH} deep without overflowing the stack`, (_name, markdown) => {
    const { storage, warnings } = markdownToStorage(markdown);
    expect(wellFormedProblem(storage)).toBeUndefined();
    expect(storage).toContain('deepest');
    expect(warnings).toEqual([
      { kind: 'depth-limited', message: `content nested deeper than ${MAX_NESTING} levels was kept as plain text`, count: 1 },
    ]);
  });

  it.each([
    ['emphasis', '*'.repeat(DEPTH) + 'x' + '*'.repeat(DEPTH)],
    ['strong and strikethrough', '**~~'.repeat(DEPTH) + 'x' + '~~**'.repeat(DEPTH)],
    ['link brackets', '['.repeat(DEPTH) + 'x' + ']'.repeat(DEPTH) + '(u)'],
    ['images', '!['.repeat(DEPTH) + 'x' + '](u)'.repeat(DEPTH)],
    ['details', '<details>\n\n'.repeat(DEPTH) + 'x'],
    ['HTML tables', '<table><tr><td>'.repeat(DEPTH) + 'x' + '</td></tr></table>'.repeat(DEPTH)],
    ['unclosed directives', ':status['.repeat(DEPTH * 10)],
    ['unclosed placeholders', '<!--confluence:x:'.repeat(DEPTH * 10)],
    ['macro body begin markers', '<!--confluence-begin:x-->\n'.repeat(DEPTH * 10) + 'x'],
    ['macro body end markers', '<!--confluence-end:x:PGE-PGFjOnJpY2gtdGV4dC1ib2R5Pg-->\n'.repeat(DEPTH * 10)],
    ['macro body markers in list items', '- <!--confluence-begin:x-->\n  '.repeat(DEPTH) + 'x'],
    ['inline HTML tags', '<span>'.repeat(DEPTH * 10) + 'x' + '</b>'.repeat(DEPTH * 10)],
    ['inline HTML links', '<a href="https://x.io">'.repeat(DEPTH * 10) + 'x' + '</a>'.repeat(DEPTH * 10)],
    ['nested HTML blocks', '<div>'.repeat(DEPTH * 10) + 'x' + '</div>'.repeat(DEPTH * 10)],
  ])('survives deeply nested or repeated %s', (_name, markdown) => {
    expect(() => toStorage(markdown)).not.toThrow();
  });

  it('keeps ]]> well-formed in code, link bodies and parameters', () => {
    expect(toStorage('```a]]>b title="]]>"\n]]>\n```')).toBe(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">a]]&gt;b</ac:parameter>' +
        '<ac:parameter ac:name="title">]]&gt;</ac:parameter><ac:plain-text-body><![CDATA[]]]]><![CDATA[>]]>' +
        '</ac:plain-text-body></ac:structured-macro>',
    );
    expect(toStorage('`]]>` [x\\]\\]>](confluence-space:S)')).toBe(
      '<p><code>]]&gt;</code> <ac:link><ri:space ri:space-key="S"/>' +
        '<ac:plain-text-link-body><![CDATA[x]]]]><![CDATA[>]]></ac:plain-text-link-body></ac:link></p>',
    );
  });

  it('replaces control characters XML forbids, with a warning, wherever they are', () => {
    const result = markdownToStorage('a\u0000b\u0007c\u001Fd\tok\n\n```\n\u0008code\u000B\n```\n\n[l](confluence-page:T\u0001x)');
    expect(result.storage).toBe(
      '<p>a\uFFFDb\uFFFDc\uFFFDd\tok</p><ac:structured-macro ac:name="code"><ac:plain-text-body>' +
        '<![CDATA[\uFFFDcode\uFFFD]]></ac:plain-text-body></ac:structured-macro>' +
        '<p><ac:link><ri:page ri:content-title="T\uFFFDx"/><ac:plain-text-link-body><![CDATA[l]]></ac:plain-text-link-body></ac:link></p>',
    );
    expect(result.warnings).toEqual([
      { kind: 'invalid-markup', message: 'characters XML 1.0 forbids were replaced with U+FFFD', count: 6 },
    ]);
    expect(wellFormedProblem(result.storage)).toBeUndefined();
  });

  it('replaces lone surrogates and keeps surrogate pairs', () => {
    const result = markdownToStorage('lone \uD800 high, \uDC00 low, pair \u{1F600}');
    expect(result.storage).toBe('<p>lone \uFFFD high, \uFFFD low, pair \u{1F600}</p>');
    expect(result.warnings.map((w) => [w.kind, w.count])).toEqual([['invalid-markup', 2]]);
  });

  it('replaces characters that only a numeric reference produced', () => {
    expect(toStorage('a&#12;b &#xFFFF; &#0;')).toBe('<p>a\uFFFDb \uFFFD \uFFFD</p>');
  });

  it('escapes quotes and line breaks in attribute values', () => {
    expect(toStorage('![a\nb](<x"y.png> "t\\"1")')).toBe(
      '<p><ac:image ac:alt="a b" ac:title="t&quot;1"><ri:url ri:value="x%22y.png"/></ac:image></p>',
    );
  });
});
