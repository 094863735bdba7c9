/**
 * Checks beyond the schema, shared by the cases: the spec says a field may exist, these say it must exist when
 * the request asked for it (a body-format that yields no body is schema-valid but useless).
 */
import type { ContractClient, ContractResponse } from './client';

type Check = (response: ContractResponse) => string[];

/** Every result (or the entity itself) carries `body[format]` with that representation. */
export function hasBody(format: string, listed = true): Check {
  return (response) => {
    const items = listed ? (response.data.results ?? []) : [response.data];
    return items.flatMap((item, index) => {
      const body = (item.body ?? (item.page as Record<string, unknown> | undefined)?.body) as Record<string, { representation?: string; value?: unknown }> | undefined;
      const entry = body?.[format];
      return entry && entry.representation === format && typeof entry.value === 'string' ? [] : [`item ${index}: no body.${format} although body-format=${format} was asked`];
    });
  };
}

/** A non-empty result list. */
export const nonEmpty: Check = (response) => (response.data.results?.length ? [] : ['results is empty (the case needs data to validate)']);

/** All checks in order. */
export function all(...checks: Check[]): Check {
  return (response) => checks.flatMap((check) => check(response));
}

/**
 * A cursor-paginated v2 list: the first page (with `limit`) must offer `_links.next` and a matching `Link`
 * header, and the next page (fetched from `_links.next`, as clients do) is validated too.
 */
export async function v2SecondPage(api: ContractClient, path: string, check?: Check): Promise<ContractResponse> {
  const first = await api.get(path, { status: 200, check: all(nonEmpty, ...(check ? [check] : [])) });
  const next = (first.data._links as { next?: string } | undefined)?.next;
  if (!next) {
    api.violations.push(`GET ${path}: no _links.next, so page 2 could not be fetched (use a smaller limit or more data)`);
    return first;
  }
  const link = first.headers.get('link') ?? '';
  if (!link.includes(`<${next}>; rel="next"`)) api.violations.push(`GET ${path}: Link header '${link}' does not carry _links.next`);
  if (!next.startsWith('/wiki/api/v2/') || !next.includes('cursor=')) api.violations.push(`GET ${path}: _links.next '${next}' is not a relative /wiki/api/v2 URL with a cursor`);
  return api.get(next, { status: 200, check: all(nonEmpty, ...(check ? [check] : [])) });
}

/**
 * A start/limit (or, on Cloud search, cursor) paginated v1 list: `_links.next` is relative to the context path,
 * so it is resolved against `_links.base` as clients do, and the second page is validated too.
 */
export async function v1SecondPage(api: ContractClient, path: string, check?: Check): Promise<ContractResponse> {
  const first = await api.get(path, { status: 200, check: all(nonEmpty, ...(check ? [check] : [])) });
  const links = (first.data._links ?? {}) as { next?: string; base?: string };
  if (!links.next || !links.base) {
    api.violations.push(`GET ${path}: no _links.next/_links.base, so page 2 could not be fetched`);
    return first;
  }
  const url = new URL(links.base + links.next);
  if (url.origin !== api.origin) api.violations.push(`GET ${path}: _links.base ${links.base} is not the site the request went to (${api.origin})`);
  return api.get(url.pathname + url.search, { status: 200, check: all(nonEmpty, ...(check ? [check] : [])) });
}

/** v1 content items (or the entity itself) carry `body[format].value` when `expand=body.<format>` was asked. */
export function hasV1Body(format: string, listed = true): Check {
  return (response) => {
    const items = listed ? (response.data.results ?? []) : [response.data];
    return items.flatMap((item, index) => {
      const entry = (item.body as Record<string, { value?: unknown; representation?: string }> | undefined)?.[format];
      return entry && typeof entry.value === 'string' ? [] : [`item ${index}: no body.${format}.value although expand=body.${format} was asked`];
    });
  };
}
