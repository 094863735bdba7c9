/**
 * Bodies of real Confluence errors (shared/reference/observed-api-errors/observed-errors.json). The schemas in
 * shapes.ts check the envelope; these checks compare the values Confluence actually put in it.
 */
import type { ContractResponse } from './client';
import { must } from './env';
import { readReferenceJson } from './reference';

interface ObservedError {
  id: string;
  status: number;
  body_raw: string | null;
  body_json?: Record<string, unknown> | null;
}

let cache: ObservedError[] | undefined;

/** One observed entry by id. */
export function observed(id: string): ObservedError {
  cache ??= readReferenceJson<ObservedError[]>('observed-api-errors', 'observed-errors.json');
  return must(
    cache.find((entry) => entry.id === id),
    `observed error '${id}'`,
  );
}

/** The v1 envelope's `data` object of an observed entry (read from the raw text when the body was truncated). */
export function observedV1Data(id: string): Record<string, unknown> {
  const entry = observed(id);
  const data = entry.body_json?.data ?? JSON.parse(must(/"data":(\{[^}]*\})/.exec(entry.body_raw ?? ''), `data object in '${id}'`)[1]);
  return data as Record<string, unknown>;
}

/** The response body equals the observed one exactly (v2 404: Cloud answers the same for unknown and forbidden). */
export function equalsObserved(id: string) {
  return (response: ContractResponse): string[] => {
    const expected = JSON.stringify(observed(id).body_json);
    return JSON.stringify(response.json) === expected ? [] : [`body ${response.text.slice(0, 200)} differs from observed ${id}: ${expected}`];
  };
}

/** The v1 envelope's `data` flags equal the observed ones (`authorized`, `valid`, `successful`, DC's `notSuccessful`). */
export function v1DataLikeObserved(id: string, keys = ['authorized', 'valid', 'successful', 'notSuccessful']) {
  return (response: ContractResponse): string[] => {
    const expected = observedV1Data(id);
    const actual = (response.data.data ?? {}) as Record<string, unknown>;
    return keys
      .filter((key) => key in expected && JSON.stringify(actual[key]) !== JSON.stringify(expected[key]))
      .map((key) => `data.${key} is ${JSON.stringify(actual[key])}, observed ${id} has ${JSON.stringify(expected[key])}`);
  };
}
