import { CqlError } from './errors';
import { DocWords, FieldEnv, Matcher, compileClause } from './fields';
import { Expr, SortKey } from './parser';
import { CqlDocument } from './types';

/** Compiles a boolean tree into one predicate; every clause is validated here, before any document is seen. */
export function compileExpr(expr: Expr, env: FieldEnv): Matcher {
  switch (expr.kind) {
    case 'clause':
      return compileClause(expr, env);
    case 'not': {
      const operand = compileExpr(expr.operand, env);
      return (doc) => !operand(doc);
    }
    case 'and': {
      const operands = expr.operands.map((operand) => compileExpr(operand, env));
      return (doc) => operands.every((operand) => operand(doc));
    }
    case 'or': {
      const operands = expr.operands.map((operand) => compileExpr(operand, env));
      return (doc) => operands.some((operand) => operand(doc));
    }
  }
}

/** Wraps a compiled predicate so callers pass plain documents. */
export function toDocumentPredicate(matcher: Matcher): (doc: CqlDocument) => boolean {
  return (doc) => matcher(new DocWords(doc));
}

type Comparator = (a: CqlDocument, b: CqlDocument) => number;

const byString =
  (get: (doc: CqlDocument) => string): Comparator =>
  (a, b) =>
    compareStrings(get(a), get(b));

const byNumber =
  (get: (doc: CqlDocument) => number): Comparator =>
  (a, b) =>
    get(a) - get(b);

/** Fields that ORDER BY accepts, by lowercased name. */
const SORTABLE: ReadonlyMap<string, Comparator> = new Map<string, Comparator>([
  ['title', (a, b) => compareStrings(a.title.toLowerCase(), b.title.toLowerCase()) || compareStrings(a.title, b.title)],
  ['created', byNumber((doc) => doc.createdMs)],
  ['lastmodified', byNumber((doc) => doc.lastModifiedMs)],
  ['id', (a, b) => compareIds(a.id, b.id)],
  ['content', (a, b) => compareIds(a.id, b.id)],
  ['type', byString((doc) => doc.type)],
  ['space', byString((doc) => doc.spaceKey)],
  ['space.key', byString((doc) => doc.spaceKey)],
]);

/** Builds the ORDER BY comparator; `undefined` when there are no sort keys. */
export function compileOrderBy(keys: SortKey[], query: string): Comparator | undefined {
  if (keys.length === 0) return undefined;
  const comparators = keys.map((key) => {
    const compare = SORTABLE.get(key.field);
    if (!compare) throw new CqlError(query, `cannot order by the field '${key.field}'`, key.pos);
    return key.descending ? (a: CqlDocument, b: CqlDocument) => compare(b, a) : compare;
  });
  return (a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return Math.sign(result);
    }
    return 0;
  };
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric ids compare as numbers (of any length); others, such as `att123`, as strings after them. */
function compareIds(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) {
    const trimmedA = a.replace(/^0+(?=\d)/, '');
    const trimmedB = b.replace(/^0+(?=\d)/, '');
    return trimmedA.length - trimmedB.length || compareStrings(trimmedA, trimmedB);
  }
  if (numericA !== numericB) return numericA ? -1 : 1;
  return compareStrings(a, b);
}
