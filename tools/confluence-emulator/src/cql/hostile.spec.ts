import { compileCql, CqlError } from './index';
import { doc } from './spec-helpers';

describe('CQL against hostile input', () => {
  it('treats regular-expression characters in values as plain text', () => {
    const docs = [doc({ id: '1', title: 'a.*b (x|y) [z]' }), doc({ id: '2', title: 'aXXb' })];
    const byTitle = compileCql('title = "a.*b (x|y) [z]"');
    expect(docs.filter((d) => byTitle.matches(d)).map((d) => d.id)).toEqual(['1']);
    const words = compileCql('title ~ "(x|y)"');
    expect(docs.filter((d) => words.matches(d)).map((d) => d.id)).toEqual(['1']);
  });

  it('matches pathological wildcards against a huge body quickly', () => {
    const uniqueLongWords = Array.from({ length: 4_000 }, (_, i) => `${'a'.repeat(251)}${String(i).padStart(4, '0')}`);
    const huge = doc({ text: uniqueLongWords.join(' ') });
    const started = Date.now();
    for (const pattern of [`*${'a'.repeat(250)}b`, `${'*a'.repeat(2_000)}*b`, `${'?'.repeat(300)}*`]) {
      expect(compileCql(`text ~ "${pattern}"`).matches(huge)).toBe(false);
    }
    expect(compileCql(`text ~ "*${'a'.repeat(250)}1234"`).matches(huge)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lexes ten thousand characters of junk into a CqlError', () => {
    const junks = ['('.repeat(10_000), '"'.repeat(9_999), '!'.repeat(10_000), 'a '.repeat(5_000), ','.repeat(10_000)];
    for (const junk of junks) {
      expect(() => compileCql(junk)).toThrow(CqlError);
    }
  });
});
