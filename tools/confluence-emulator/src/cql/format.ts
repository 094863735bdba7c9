import { Expr, Operand, Query } from './parser';

/**
 * Canonical text of a parsed query: single spaces, lowercase keywords and field names, double-quoted strings,
 * and parentheses only where precedence needs them. Parsing the result gives the same query.
 */
export function formatQuery(query: Query): string {
  const where = formatExpr(query.where, 0);
  if (query.orderBy.length === 0) return where;
  const keys = query.orderBy.map((key) => `${key.field} ${key.descending ? 'desc' : 'asc'}`);
  return `${where} order by ${keys.join(', ')}`;
}

const PRECEDENCE: Readonly<Record<Expr['kind'], number>> = { or: 1, and: 2, not: 3, clause: 4 };

function formatExpr(expr: Expr, parentPrecedence: number): string {
  let text: string;
  switch (expr.kind) {
    case 'clause': {
      const operands = expr.operands.map(formatOperand);
      text = `${expr.field} ${expr.op} ${expr.list ? `(${operands.join(', ')})` : operands[0]}`;
      break;
    }
    case 'not':
      text = `not ${formatExpr(expr.operand, PRECEDENCE.not)}`;
      break;
    default:
      text = expr.operands.map((operand) => formatExpr(operand, PRECEDENCE[expr.kind])).join(` ${expr.kind} `);
  }
  return PRECEDENCE[expr.kind] < parentPrecedence ? `(${text})` : text;
}

function formatOperand(operand: Operand): string {
  if (operand.kind === 'function') return `${operand.name}(${operand.args.map(formatOperand).join(', ')})`;
  return operand.quoted ? quote(operand.value) : operand.value;
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(value: string): string {
  let out = '"';
  for (const ch of value) out += QUOTE_ESCAPES[ch] ?? ch;
  return `${out}"`;
}
