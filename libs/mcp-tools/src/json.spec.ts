import { asJsonValue, jsonBytesAtMost } from './json';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('asJsonValue', () => {
  it('gives what a JSON round trip gives, for everything a structured answer may hold', () => {
    const values: unknown[] = [
      { id: '1', body: 'text', missing: undefined, nested: { a: undefined, b: [1, undefined, 'x'] }, n: null },
      [undefined, () => 1, Symbol('s'), NaN, Infinity, -0, 3.5],
      { when: new Date(0), big: new Map([[1, 2]]), fn: () => 1, list: [{ toJSON: () => 'custom' }] },
      { deep: { deeper: { deepest: [{ x: undefined }] } } },
      Object.assign(Object.create(null) as object, { a: 1, b: undefined }),
      'plain',
      42,
      true,
      null,
    ];
    for (const value of values) expect(asJsonValue(value)).toEqual(roundTrip(value));
    expect(asJsonValue({ a: { toJSON: () => undefined } })).toEqual({});
  });

  it('drops undefined members rather than keeping them with an undefined value', () => {
    expect(Object.keys(asJsonValue({ a: 1, b: undefined }) as object)).toEqual(['a']);
  });
});

describe('jsonBytesAtMost', () => {
  it('is never below the UTF-8 length of the JSON, whatever the characters', () => {
    const values: unknown[] = [
      { body: 'ascii only', n: -1.234567890123456e-300, ok: true, none: null, gone: undefined },
      ['\u0000\u001f"\\', 'é€😀', '\n\t'.repeat(100), -Number.MAX_VALUE],
      { 'key "quoted"\u0001': 'x', nested: [{ a: [] }, {}] },
    ];
    for (const value of values) expect(jsonBytesAtMost(value)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(value)));
  });

  it('gives up (Infinity) on what it cannot size without serializing', () => {
    expect(jsonBytesAtMost({ when: new Date(0) })).toBe(Infinity);
    expect(jsonBytesAtMost({ custom: { toJSON: () => 'x'.repeat(10) } })).toBe(Infinity);
  });
});
