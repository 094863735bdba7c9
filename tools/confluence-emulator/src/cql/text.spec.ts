import { compileGlob, compileTextQuery, matchesText, words } from './text';

describe('word matching for ~', () => {
  it.each([
    ['conf*', 'confluence', true],
    ['conf*', 'con', false],
    ['*ence', 'confluence', true],
    ['*ence', 'fence', true],
    ['*ence', 'enc', false],
    ['c*f*e', 'confluence', true],
    ['c*f*e', 'conflict', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['?', 'x', true],
    ['?', 'xy', false],
    ['*', '', true],
    ['**', 'anything', true],
    ['ab*ab', 'ab', false],
    ['ab*ab', 'abab', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['x*?b*y', 'xaby', true],
    ['x*?b*y', 'xby', false],
    ['*b?d*', 'abcde', true],
    ['*b?d*', 'abde', false],
    ['plain', 'plain', true],
    ['plain', 'plainer', false],
  ])('%j against %j is %j', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });

  it('splits text into lowercase runs of letters and digits, in any script', () => {
    const expected = ['hello', 'wörld', 'v2', '0', 'ünïcode', 'ok', '東京'];
    expect(words('Hello, Wörld! v2.0 — Ünïcode_ok 東京')).toEqual(expected);
  });

  it('cuts words longer than 255 characters, as Lucene does', () => {
    expect(words('x'.repeat(600)).map((word) => word.length)).toEqual([255, 255, 90]);
  });
});

describe('Lucene escapes in ~ values', () => {
  const hit = (value: string, text: string) => matchesText(compileTextQuery(value), [words(text)]);

  it('treats an escaped wildcard as a literal, not a wildcard', () => {
    expect(hit('conf\\*', 'confluence')).toBe(false);
    expect(hit('conf*', 'confluence')).toBe(true);
    expect(hit('conf\\*', 'conf rules')).toBe(true);
  });

  it('treats an escaped operator word as the word itself', () => {
    expect(hit('\\AND', 'this and that')).toBe(true);
    expect(hit('C\\+\\+', 'we write C++ here')).toBe(true);
  });
});
