import { toStorage } from './spec-helpers';

const macro = (name: string, title: string | undefined, body: string) =>
  `<ac:structured-macro ac:name="${name}">` +
  (title === undefined ? '' : `<ac:parameter ac:name="title">${title}</ac:parameter>`) +
  `<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`;

describe('GitHub alerts -> info/tip/note/warning/panel macros', () => {
  it.each([
    ['NOTE', 'info'],
    ['TIP', 'tip'],
    ['WARNING', 'note'],
    ['CAUTION', 'warning'],
    ['IMPORTANT', 'note'],
    ['PANEL', 'panel'],
  ])('[!%s] -> %s macro', (marker, name) => {
    expect(toStorage(`> [!${marker}]\n> Body`)).toBe(macro(name, undefined, '<p>Body</p>'));
  });

  it('takes the title from the marker line', () => {
    expect(toStorage('> [!NOTE] Heads up\n> Read **this**.')).toBe(
      macro('info', 'Heads up', '<p>Read <strong>this</strong>.</p>'),
    );
  });

  it('writes the title as plain text: escapes and references decoded, markup not parsed', () => {
    expect(toStorage('> [!PANEL] A \\*star\\* &amp; **bold** <x>\n> b')).toBe(
      macro('panel', 'A *star* &amp; **bold** &lt;x&gt;', '<p>b</p>'),
    );
  });

  it('keeps rich bodies: paragraphs, lists, code, nested quotes', () => {
    expect(toStorage('> [!WARNING]\n>\n> - one\n> - two\n>\n> > inner\n>\n> ```sh\n> ls\n> ```')).toBe(
      macro(
        'note',
        undefined,
        '<ul><li>one</li><li>two</li></ul><blockquote><p>inner</p></blockquote>' +
          '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">sh</ac:parameter>' +
          '<ac:plain-text-body><![CDATA[ls]]></ac:plain-text-body></ac:structured-macro>',
      ),
    );
  });

  it('writes an empty body for a marker alone', () => {
    expect(toStorage('> [!TIP] Only a title')).toBe(macro('tip', 'Only a title', ''));
  });

  it('accepts a lower-case marker', () => {
    expect(toStorage('> [!caution]\n> x')).toBe(macro('warning', undefined, '<p>x</p>'));
  });

  it('leaves other quotes alone', () => {
    expect(toStorage('> [!FOO] x\n\n> [NOTE]\n\n> text [!NOTE]')).toBe(
      '<blockquote><p>[!FOO] x</p></blockquote><blockquote><p>[NOTE]</p></blockquote>' +
        '<blockquote><p>text [!NOTE]</p></blockquote>',
    );
  });

  it('converts alerts nested in lists and in other alerts', () => {
    expect(toStorage('- > [!NOTE]\n  > > [!TIP] t\n  > > x')).toBe(
      `<ul><li>${macro('info', undefined, macro('tip', 't', '<p>x</p>'))}</li></ul>`,
    );
  });
});
