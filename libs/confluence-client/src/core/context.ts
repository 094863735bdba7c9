/** What every resource shares: the transport, the flavour, and a cache of space keys and ids. */
import { Flavor } from './options';
import { Transport } from './transport';
import { InvalidArgumentError } from './errors';

export interface ClientContext {
  transport: Transport;
  flavor: Flavor;
  /** Site URL (Cloud: ending in /wiki), for building web links. */
  siteUrl: string;
  spaces: SpaceDirectory;
}

/** Space key <-> id, learnt from every space the client sees (Cloud pages carry only the space id). */
export class SpaceDirectory {
  private readonly idByKey = new Map<string, string>();
  private readonly keyById = new Map<string, string>();

  remember(id: string, key: string): void {
    this.idByKey.set(key, id);
    this.keyById.set(id, key);
  }

  idOf(key: string): string | undefined {
    return this.idByKey.get(key);
  }

  keyOf(id: string): string | undefined {
    return this.keyById.get(id);
  }
}

/** A space named by key or id; most callers know the key. */
export type SpaceRef = { spaceKey: string; spaceId?: never } | { spaceId: string; spaceKey?: never };

/** Ids in paths are digits (or `att` + digits): anything else is refused before it reaches a URL. */
export function checkId(name: string, id: string, pattern = /^\d{1,20}$/): string {
  if (typeof id !== 'string' || !pattern.test(id)) throw new InvalidArgumentError(`${name}: '${String(id).slice(0, 40)}' is not a Confluence id`);
  return id;
}

/** Limits are checked, not silently clamped, so a caller learns the API's bounds. */
export function checkLimit(limit: number | undefined, max: number, fallback = 25): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new InvalidArgumentError(`limit: must be an integer from 1 to ${max}`);
  return limit;
}
