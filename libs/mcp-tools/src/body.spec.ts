import { sliceBody } from './body';

describe('sliceBody', () => {
  it('never returns more than maxChars, even when a line break sits right at the cut', () => {
    const text = `${'a'.repeat(1000)}\n${'b'.repeat(500)}`;
    const { chunk, next } = sliceBody(text, 0, 1000);
    expect(chunk.length).toBeLessThanOrEqual(1000);
    expect(text.slice(next)).toBe(text.slice(chunk.length));
  });

  it('cuts after the last line break in the window so lines stay whole', () => {
    const text = `${'a'.repeat(600)}\n${'b'.repeat(600)}\n${'c'.repeat(600)}`;
    const { chunk, next } = sliceBody(text, 0, 1000);
    expect(chunk).toBe(`${'a'.repeat(600)}\n`);
    expect(next).toBe(601);
  });

  it('returns the rest when it fits', () => {
    expect(sliceBody('short', 0, 100)).toEqual({ chunk: 'short' });
  });
});

describe('sliceBody and surrogate pairs', () => {
  it('never cuts between the two halves of a surrogate pair', () => {
    const text = `${'a'.repeat(299)}😀${'b'.repeat(400)}`;
    const { chunk, next } = sliceBody(text, 0, 300);
    expect(chunk).toBe('a'.repeat(299));
    expect(text.slice(next)).toMatch(/^😀b/);
  });
});
