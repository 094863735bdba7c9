import { DateEnv, isDateFunction, resolveDate } from './dates';
import { CqlError } from './errors';
import { Clause, ClauseOp, Operand } from './parser';
import { compileTextQuery, matchesText, words } from './text';
import { CqlDocument } from './types';

/** Word lists of one document, computed at most once per `matches` call. */
export class DocWords {
  private titleWords?: string[];
  private bodyWords?: string[];

  constructor(readonly doc: CqlDocument) {}

  get title(): string[] {
    return (this.titleWords ??= words(this.doc.title));
  }

  get body(): string[] {
    return (this.bodyWords ??= words(this.doc.text));
  }
}

/** A compiled clause. */
export type Matcher = (doc: DocWords) => boolean;

/** Everything a clause may need besides the document. */
export interface FieldEnv extends DateEnv {
  currentAccountId: string | undefined;
}

const EQUALITY: readonly ClauseOp[] = ['=', '!=', 'in', 'not in'];
const CONTAINS: readonly ClauseOp[] = ['~', '!~'];
const RANGE: readonly ClauseOp[] = ['=', '!=', '<', '<=', '>', '>='];

interface ValueField {
  kind: 'values';
  ops: readonly ClauseOp[];
  /** The document's values for `=`, `!=`, `in` and `not in`. */
  values: (doc: CqlDocument) => readonly string[];
  /** Applied to both sides before comparing. */
  fold?: (value: string) => string;
  /** `currentUser()` is accepted only by user fields. */
  user?: boolean;
}

interface TextField {
  kind: 'text';
  ops: readonly ClauseOp[];
  /** The word lists searched by `~`; a title clause sees only the title. */
  lists: (doc: DocWords) => string[][];
  /** Exact values, for the fields that also allow `=` (the title). */
  values: (doc: CqlDocument) => readonly string[];
}

interface DateField {
  kind: 'date';
  ops: readonly ClauseOp[];
  time: (doc: CqlDocument) => number;
}

type FieldSpec = ValueField | TextField | DateField;

const lower = (value: string) => value.toLowerCase();
const spaceKey: ValueField = { kind: 'values', ops: EQUALITY, values: (d) => [d.spaceKey] };
const contentId: ValueField = { kind: 'values', ops: EQUALITY, values: (d) => [d.id] };

/** Supported fields by lowercased name, with the operators Confluence documents for each. */
const FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ['type', { kind: 'values', ops: EQUALITY, values: (d) => [d.type], fold: lower }],
  ['space', spaceKey],
  ['space.key', spaceKey],
  ['title', { kind: 'text', ops: [...EQUALITY, ...CONTAINS], lists: (w) => [w.title], values: (d) => [d.title] }],
  ['text', { kind: 'text', ops: CONTAINS, lists: (w) => [w.title, w.body], values: () => [] }],
  ['label', { kind: 'values', ops: EQUALITY, values: (d) => d.labels, fold: lower }],
  ['ancestor', { kind: 'values', ops: EQUALITY, values: (d) => d.ancestorIds }],
  ['parent', { kind: 'values', ops: EQUALITY, values: (d) => (d.parentId === null ? [] : [d.parentId]) }],
  ['id', contentId],
  ['content', contentId],
  ['creator', { kind: 'values', ops: EQUALITY, values: (d) => [d.creatorAccountId], user: true }],
  [
    'contributor',
    // Confluence counts the creator as a contributor ("created or edited by").
    { kind: 'values', ops: EQUALITY, values: (d) => [d.creatorAccountId, ...d.contributorAccountIds], user: true },
  ],
  ['created', { kind: 'date', ops: RANGE, time: (d) => d.createdMs }],
  ['lastmodified', { kind: 'date', ops: RANGE, time: (d) => d.lastModifiedMs }],
]);

const MINUTE_MS = 60_000;

/** Turns one clause into a predicate, checking the field, the operator and every value first. */
export function compileClause(clause: Clause, env: FieldEnv): Matcher {
  const spec = FIELDS.get(clause.field);
  if (!spec) throw new CqlError(env.query, `the field '${clause.field}' is not supported`, clause.pos);
  if (!spec.ops.includes(clause.op)) {
    throw new CqlError(
      env.query,
      `the operator '${clause.op}' is not supported by the field '${clause.field}'`,
      clause.opPos,
    );
  }
  const negated = clause.op === '!=' || clause.op === '!~' || clause.op === 'not in';
  const positive = compilePositive(clause, spec, env);
  return negated ? (doc) => !positive(doc) : positive;
}

function compilePositive(clause: Clause, spec: FieldSpec, env: FieldEnv): Matcher {
  if (spec.kind === 'date') return compileDate(clause, spec, env);
  if (spec.kind === 'text' && (clause.op === '~' || clause.op === '!~')) {
    const query = compileTextQuery(literalValue(clause.operands[0], clause, env));
    return (doc) => matchesText(query, spec.lists(doc));
  }
  return compileValues(clause, spec, env);
}

function compileValues(clause: Clause, spec: ValueField | TextField, env: FieldEnv): Matcher {
  const fold = (spec.kind === 'values' && spec.fold) || ((value: string) => value);
  const user = spec.kind === 'values' && spec.user === true;
  const wanted = new Set<string>();
  for (const operand of clause.operands) {
    const value = user ? userValue(operand, clause, env) : literalValue(operand, clause, env);
    if (value !== undefined) wanted.add(fold(value));
  }
  return (doc) => spec.values(doc.doc).some((value) => wanted.has(fold(value)));
}

function compileDate(clause: Clause, spec: DateField, env: FieldEnv): Matcher {
  const operand = clause.operands[0];
  if (operand.kind === 'function' && !isDateFunction(operand.name)) throw unsupportedFunction(operand, clause, env);
  const { start, end } = resolveDate(operand, env);
  // Confluence compares at minute precision: seconds of the document's time are ignored.
  const minute = (doc: DocWords) => Math.floor(spec.time(doc.doc) / MINUTE_MS) * MINUTE_MS;
  switch (clause.op) {
    case '<':
      return (doc) => minute(doc) < start;
    case '<=':
      return (doc) => minute(doc) < end;
    case '>':
      return (doc) => minute(doc) >= end;
    case '>=':
      return (doc) => minute(doc) >= start;
    default:
      return (doc) => {
        const time = minute(doc);
        return time >= start && time < end;
      };
  }
}

function literalValue(operand: Operand, clause: Clause, env: FieldEnv): string {
  if (operand.kind === 'function') throw unsupportedFunction(operand, clause, env);
  return operand.value;
}

/** A user value; `currentUser()` without a signed-in user stands for nobody. */
function userValue(operand: Operand, clause: Clause, env: FieldEnv): string | undefined {
  if (operand.kind === 'literal') return operand.value;
  if (operand.name.toLowerCase() !== 'currentuser') throw unsupportedFunction(operand, clause, env);
  if (operand.args.length > 0) throw new CqlError(env.query, 'currentUser() takes no arguments', operand.pos);
  return env.currentAccountId;
}

function unsupportedFunction(operand: Operand, clause: Clause, env: FieldEnv): CqlError {
  const name = operand.kind === 'function' ? operand.name : operand.value;
  return new CqlError(env.query, `the function '${name}' is not supported by the field '${clause.field}'`, operand.pos);
}
