import { CqlError } from './errors';
import { Token, tokenize } from './lexer';

/** Comparison operators as written in a clause; `in` and `not in` are lowercased. */
export type ClauseOp = '=' | '!=' | '~' | '!~' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/** A plain value: a quoted string, or a bare word or number. */
export interface Literal {
  kind: 'literal';
  value: string;
  quoted: boolean;
  pos: number;
}

/** A function call such as `now("-4w")`; `name` is as written. */
export interface FunctionCall {
  kind: 'function';
  name: string;
  args: Literal[];
  pos: number;
}

/** The right-hand side of a clause, or one item of an `in` list. */
export type Operand = Literal | FunctionCall;

/** `field op value` or `field in (v1, v2)`; `field` is lowercased. */
export interface Clause {
  kind: 'clause';
  field: string;
  pos: number;
  op: ClauseOp;
  opPos: number;
  operands: Operand[];
  /** True when the operands were written as a parenthesized list. */
  list: boolean;
}

/** Boolean expression tree; `and`/`or` are n-ary so long chains stay shallow. */
export type Expr = Clause | { kind: 'not'; operand: Expr } | { kind: 'and' | 'or'; operands: Expr[] };

/** One `ORDER BY` key; `field` is lowercased. */
export interface SortKey {
  field: string;
  pos: number;
  descending: boolean;
}

/** A parsed query. */
export interface Query {
  where: Expr;
  orderBy: SortKey[];
}

/** Deepest nesting of parentheses and `NOT`s accepted: bounds recursion no matter what the input is. */
export const MAX_DEPTH = 64;

const RESERVED = new Set(['and', 'or', 'not', 'in', 'order']);
const SYMBOL_OPS = new Set(['=', '!=', '~', '!~', '<', '<=', '>', '>=']);

/** Parses CQL text into a tree. Throws {@link CqlError} on any syntax error. */
export function parse(query: string): Query {
  return new Parser(query, tokenize(query)).parseQuery();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  parseQuery(): Query {
    if (this.peek().kind === 'eof') throw new CqlError(this.query, 'the query is empty', 0);
    const where = this.parseOr();
    const orderBy: SortKey[] = [];
    if (this.isKeyword('order')) {
      this.index++;
      if (!this.isKeyword('by')) throw this.error("expected 'by' after 'order'", this.peek());
      this.index++;
      do {
        orderBy.push(this.parseSortKey());
      } while (this.take('comma'));
    }
    if (this.peek().kind !== 'eof') throw this.unexpected(this.peek());
    return { where, orderBy };
  }

  private parseSortKey(): SortKey {
    const token = this.peek();
    if (token.kind !== 'word' || RESERVED.has(token.text.toLowerCase())) {
      throw this.error('expected a field to order by', token);
    }
    this.index++;
    let descending = false;
    if (this.isKeyword('asc') || this.isKeyword('desc')) {
      descending = this.isKeyword('desc');
      this.index++;
    }
    return { field: token.text.toLowerCase(), pos: token.pos, descending };
  }

  private parseOr(): Expr {
    const operands = [this.parseAnd()];
    while (this.isKeyword('or')) {
      this.index++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): Expr {
    const operands = [this.parseNot()];
    while (this.isKeyword('and')) {
      this.index++;
      operands.push(this.parseNot());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parseNot(): Expr {
    if (!this.isKeyword('not')) return this.parsePrimary();
    this.enter(this.peek());
    this.index++;
    const operand = this.parseNot();
    this.depth--;
    return { kind: 'not', operand };
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.enter(token);
      this.index++;
      const inner = this.parseOr();
      if (!this.take('rparen')) throw this.error("expected ')'", this.peek());
      this.depth--;
      return inner;
    }
    return this.parseClause();
  }

  private parseClause(): Clause {
    const field = this.peek();
    if (field.kind !== 'word' || RESERVED.has(field.text.toLowerCase())) {
      throw this.error(field.kind === 'eof' ? 'expected a clause' : 'expected a field name', field);
    }
    this.index++;
    const opToken = this.peek();
    const op = this.parseOperator();
    const clause = { kind: 'clause' as const, field: field.text.toLowerCase(), pos: field.pos, op, opPos: opToken.pos };
    if (op !== 'in' && op !== 'not in') return { ...clause, operands: [this.parseOperand()], list: false };
    if (!this.take('lparen')) throw this.error(`expected '(' after '${op}'`, this.peek());
    const operands = [this.parseOperand()];
    while (this.take('comma')) operands.push(this.parseOperand());
    if (!this.take('rparen')) throw this.error("expected ',' or ')' in the list", this.peek());
    return { ...clause, operands, list: true };
  }

  private parseOperator(): ClauseOp {
    const token = this.peek();
    if (token.kind === 'op' && SYMBOL_OPS.has(token.text)) {
      this.index++;
      return token.text as ClauseOp;
    }
    if (this.isKeyword('in')) {
      this.index++;
      return 'in';
    }
    if (this.isKeyword('not')) {
      this.index++;
      if (this.isKeyword('in')) {
        this.index++;
        return 'not in';
      }
      throw this.error("expected 'in' after 'not'", this.peek());
    }
    throw this.error('expected an operator', token);
  }

  private parseOperand(): Operand {
    const token = this.peek();
    if (token.kind === 'word' && this.tokens[this.index + 1].kind === 'lparen') {
      this.index += 2;
      const args: Literal[] = [];
      if (!this.take('rparen')) {
        do {
          args.push(this.parseLiteral());
        } while (this.take('comma'));
        if (!this.take('rparen')) throw this.error("expected ')' after the function's arguments", this.peek());
      }
      return { kind: 'function', name: token.text, args, pos: token.pos };
    }
    return this.parseLiteral();
  }

  private parseLiteral(): Literal {
    const token = this.peek();
    const bare = token.kind === 'word' && !RESERVED.has(token.text.toLowerCase());
    if (!bare && token.kind !== 'string') throw this.error('expected a value', token);
    this.index++;
    return { kind: 'literal', value: token.text, quoted: token.kind === 'string', pos: token.pos };
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_DEPTH) {
      throw this.error(`the query is nested more than ${MAX_DEPTH} levels deep`, token);
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private take(kind: Token['kind']): boolean {
    if (this.peek().kind !== kind) return false;
    this.index++;
    return true;
  }

  private unexpected(token: Token): CqlError {
    const text = token.text.length > 40 ? `${token.text.slice(0, 40)}...` : token.text;
    return this.error(token.kind === 'string' ? `unexpected value "${text}"` : `unexpected '${text}'`, token);
  }

  private error(reason: string, token: Token): CqlError {
    return new CqlError(this.query, token.kind === 'eof' ? `${reason} but the query ended` : reason, token.pos);
  }
}
