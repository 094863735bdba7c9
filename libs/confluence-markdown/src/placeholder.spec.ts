import { decodePlaceholder, encodePlaceholder, findPlaceholders, placeholderName } from './placeholder';

describe('placeholders', () => {
  const source = '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="x">é &nbsp; ]]> --></ac:parameter></ac:structured-macro>';

  it('encode the exact source as base64url without padding', () => {
    const comment = encodePlaceholder('toc', source);
    expect(comment).toBe(`<!--confluence:toc:${Buffer.from(source, 'utf8').toString('base64url')}-->`);
    expect(comment).not.toMatch(/=/);
    expect(decodePlaceholder(comment)).toEqual({ name: 'toc', source });
  });

  it('decode names holding colons and payloads ending in a dash', () => {
    // A source whose length is a multiple of 3 and that ends with `>` encodes to a payload ending in `-`.
    const comment = encodePlaceholder('ac:layout', '<br></br>');
    expect(comment).toBe('<!--confluence:ac:layout:PGJyPjwvYnI--->');
    expect(decodePlaceholder(comment)).toEqual({ name: 'ac:layout', source: '<br></br>' });
    expect(findPlaceholders(`a ${comment} b`).map((p) => p.source)).toEqual(['<br></br>']);
  });

  it('keep names readable and unable to end the comment', () => {
    expect(placeholderName('my macro--name>')).toBe('my-macro-name');
    expect(placeholderName('')).toBe('unknown');
  });

  it('reject what is not a placeholder or not valid UTF-8 base64url', () => {
    expect(decodePlaceholder('<!-- toc -->')).toBeUndefined();
    expect(decodePlaceholder('<!--confluence:x:A-->')).toBeUndefined();
    expect(decodePlaceholder(`<!--confluence:x:${Buffer.from([0xff, 0xfe]).toString('base64url')}-->`)).toBeUndefined();
  });

  it('are found in a larger text with their positions', () => {
    const a = encodePlaceholder('a', '<a/>');
    const b = encodePlaceholder('b', '<b/>');
    const text = `x ${a} y ${b}`;
    expect(findPlaceholders(text)).toEqual([
      { name: 'a', source: '<a/>', start: 2, end: 2 + a.length },
      { name: 'b', source: '<b/>', start: 5 + a.length, end: 5 + a.length + b.length },
    ]);
  });
});
