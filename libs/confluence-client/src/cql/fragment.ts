import { CqlBuildError, describe } from './errors';

/** How a fragment combines with others: decides where the builder must add parentheses. */
export type CqlShape = 'clause' | 'group' | 'not' | 'and' | 'or';

/** What the builder knows about a fragment beyond its text. */
export interface CqlParts {
  /** The query without its ORDER BY. */
  readonly where: string;
  readonly shape: CqlShape;
  /** True when the text starts with a negation, which Confluence refuses as the first clause of a query. */
  readonly negative: boolean;
  /** The sort keys after `ORDER BY`, when `cql.orderBy` added them. */
  readonly orderBy?: string;
}

// TypeScript's `private` vanishes at run time: this key, never exported, keeps untyped callers from forging
// fragments with `new Cql('anything')`, and the WeakMap lets only this module read a fragment's parts.
const MINT_KEY = Symbol('Cql');
const partsOfCql = new WeakMap<object, CqlParts>();
let construct: (parts: CqlParts) => Cql;

/**
 * A CQL fragment built only by this module ({@link cql}). Its text is safe to send as the `cql` parameter:
 * every value in it was quoted and escaped, and every operator and parenthesis was written by the builder.
 */
export class Cql {
  /** The CQL text, e.g. `space = "ENG" AND text ~ "release notes"`. */
  readonly text: string;

  static {
    construct = (parts) => new Cql(MINT_KEY, parts);
  }

  private constructor(key: symbol, parts: CqlParts) {
    if (key !== MINT_KEY) throw new CqlBuildError('new Cql(): fragments can only be made by the cql builder');
    this.text = parts.orderBy === undefined ? parts.where : `${parts.where} ORDER BY ${parts.orderBy}`;
    partsOfCql.set(this, parts);
    Object.freeze(this);
  }

  /** The CQL text, so a fragment can be used wherever a string is expected. */
  toString(): string {
    return this.text;
  }
}

/** Makes a fragment. Internal: only the builder's files call it, and index.ts does not export it. */
export function mint(parts: CqlParts): Cql {
  return construct(parts);
}

/** The parts of a fragment made by {@link mint}; anything else (a string, a look-alike object) is refused. */
export function partsOf(value: unknown, label: string): CqlParts {
  const parts = typeof value === 'object' && value !== null ? partsOfCql.get(value) : undefined;
  if (!parts) {
    throw new CqlBuildError(
      `${label} must be a Cql fragment from the cql builder, got ${describe(value)}; wrap advanced CQL with cql.raw()`,
    );
  }
  return parts;
}
