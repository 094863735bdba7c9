/** The v1 `expand` parameter: a comma list of dotted paths (`body.storage,history.lastUpdated`) as a tree. */

/** One level of requested expansions; `get` of a key that was not asked for is an empty tree. */
export class Expand {
  private constructor(private readonly tree: Map<string, Expand>) {}

  static readonly none = new Expand(new Map());

  /** Parse one or more `expand` values; `fallback` is used when the parameter is absent (default expansions). */
  static parse(raw: string | string[] | undefined, fallback = ''): Expand {
    const values = raw === undefined ? [fallback] : Array.isArray(raw) ? raw : [raw];
    const root = new Map<string, Expand>();
    for (const path of values.flatMap((v) => v.split(','))) {
      let level = root;
      for (const key of path.trim().split('.').filter(Boolean)) {
        let next = level.get(key);
        if (!next) level.set(key, (next = new Expand(new Map())));
        level = next.tree;
      }
    }
    return new Expand(root);
  }

  has(key: string): boolean {
    return this.tree.has(key);
  }

  get(key: string): Expand {
    return this.tree.get(key) ?? Expand.none;
  }

  get isEmpty(): boolean {
    return this.tree.size === 0;
  }

  /** True when any path below this level starts with `key` (e.g. `body` for `body.storage`). */
  hasPath(path: string): boolean {
    let tree = this.tree;
    for (const key of path.split('.')) {
      const next = tree.get(key);
      if (!next) return false;
      tree = next.tree;
    }
    return true;
  }

  /** The keys asked for at this level. */
  keys(): string[] {
    return [...this.tree.keys()];
  }
}

/**
 * `_expandable` from the keys a shape could expand, minus those it did: `links` gives the value shown for a
 * key (a relative URL, or `''` as Confluence writes for keys it has no URL for).
 */
export function expandable(links: Record<string, string>, expanded: Iterable<string>): Record<string, string> {
  const out = { ...links };
  for (const key of expanded) delete out[key];
  return out;
}
