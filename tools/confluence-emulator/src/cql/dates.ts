import { CqlError } from './errors';
import { FunctionCall, Literal, Operand } from './parser';
import { WallClock, dayOfWeek, daysInMonth, fromWallClock, shiftWallClock, toWallClock } from './zone';

/** Half-open span of epoch milliseconds `[start, end)` that a date value stands for. */
export interface DateRange {
  start: number;
  end: number;
}

/** What date values are resolved against. `now` is read at most once per query. */
export interface DateEnv {
  query: string;
  timeZone: string;
  now: () => number;
  firstDayOfWeek: number;
}

const MINUTE_MS = 60_000;
/** Largest offset from the epoch a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;
const DATE_LITERAL = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[ \t]+(\d{1,2}):(\d{2}))?$/;

type Period = 'day' | 'week' | 'month' | 'year';
const PERIOD_FUNCTIONS: Readonly<Record<string, { period: Period; end: boolean }>> = {
  startofday: { period: 'day', end: false },
  startofweek: { period: 'week', end: false },
  startofmonth: { period: 'month', end: false },
  startofyear: { period: 'year', end: false },
  endofday: { period: 'day', end: true },
  endofweek: { period: 'week', end: true },
  endofmonth: { period: 'month', end: true },
  endofyear: { period: 'year', end: true },
};

/** Date function names, lowercased. */
export function isDateFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'now' || Object.hasOwn(PERIOD_FUNCTIONS, lower);
}

/**
 * The span a date operand covers: a whole day for `"yyyy-MM-dd"`, one minute for `"yyyy-MM-dd HH:mm"` and
 * for functions (whose instant is truncated to the minute, as Confluence compares at minute precision).
 */
export function resolveDate(operand: Operand, env: DateEnv): DateRange {
  if (operand.kind === 'literal') return parseDateLiteral(operand, env);
  const instant = Math.floor(evaluateDateFunction(operand, env) / MINUTE_MS) * MINUTE_MS;
  return { start: instant, end: instant + MINUTE_MS };
}

function parseDateLiteral(literal: Literal, env: DateEnv): DateRange {
  const match = DATE_LITERAL.exec(literal.value.trim());
  const invalid = () =>
    new CqlError(
      env.query,
      `'${literal.value}' is not a date: use "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM-dd HH:mm" or "yyyy/MM/dd HH:mm"`,
      literal.pos,
    );
  if (!match) throw invalid();
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  const hasTime = match[5] !== undefined;
  const [hour, minute] = hasTime ? [Number(match[5]), Number(match[6])] : [0, 0];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
    throw invalid();
  }
  const wall: WallClock = { year, month, day, hour, minute, second: 0, millisecond: 0 };
  const start = fromWallClock(wall, env.timeZone);
  if (hasTime) return { start, end: start + MINUTE_MS };
  return { start, end: fromWallClock(shiftWallClock(wall, 0, 1), env.timeZone) };
}

/** Epoch milliseconds for `now(...)`, `startOfDay(...)`, `endOfMonth(...)` and the like. */
function evaluateDateFunction(call: FunctionCall, env: DateEnv): number {
  const name = call.name.toLowerCase();
  if (call.args.length > 1) throw new CqlError(env.query, `${call.name}() takes at most one argument`, call.pos);
  const offset = call.args.length === 1 ? parseOffset(call.args[0], env) : undefined;
  const now = env.now();
  if (!Number.isFinite(now) || Math.abs(now) > MAX_TIME / 2) {
    throw new CqlError(env.query, 'the clock gave no valid time', call.pos);
  }
  let result: number;
  if (name === 'now') {
    result = applyOffset(now, offset, env.timeZone);
  } else {
    const { period, end } = PERIOD_FUNCTIONS[name];
    const start = startOfPeriod(now, period, env);
    result = end
      ? applyOffset(fromWallClock(nextPeriod(start, period), env.timeZone), offset, env.timeZone) - 1
      : applyOffset(fromWallClock(start, env.timeZone), offset, env.timeZone);
  }
  if (!Number.isFinite(result) || Math.abs(result) > MAX_TIME) {
    throw new CqlError(env.query, `${call.name}() is out of the supported date range`, call.pos);
  }
  return result;
}

function startOfPeriod(now: number, period: Period, env: DateEnv): WallClock {
  const wall = { ...toWallClock(now, env.timeZone), hour: 0, minute: 0, second: 0, millisecond: 0 };
  switch (period) {
    case 'day':
      return wall;
    case 'week':
      return shiftWallClock(wall, 0, -((dayOfWeek(wall) - env.firstDayOfWeek + 7) % 7));
    case 'month':
      return { ...wall, day: 1 };
    case 'year':
      return { ...wall, month: 1, day: 1 };
  }
}

function nextPeriod(start: WallClock, period: Period): WallClock {
  if (period === 'day') return shiftWallClock(start, 0, 1);
  if (period === 'week') return shiftWallClock(start, 0, 7);
  return shiftWallClock(start, period === 'month' ? 1 : 12, 0);
}

/** A relative offset such as `-4w` or `+1d 3h`: calendar units move the wall clock, hours and minutes move time. */
interface Offset {
  months: number;
  days: number;
  ms: number;
}

const UNITS: Readonly<Record<string, (offset: Offset, amount: number) => void>> = {
  y: (o, n) => (o.months += 12 * n),
  M: (o, n) => (o.months += n),
  w: (o, n) => (o.days += 7 * n),
  d: (o, n) => (o.days += n),
  h: (o, n) => (o.ms += 3_600_000 * n),
  m: (o, n) => (o.ms += MINUTE_MS * n),
};

/** Parses `[+|-]N unit [[+|-]N unit ...]`; a part without a sign takes the sign of the part before it. */
function parseOffset(arg: Literal, env: DateEnv): Offset {
  const text = arg.value;
  const offset: Offset = { months: 0, days: 0, ms: 0 };
  const invalid = () =>
    new CqlError(
      env.query,
      `'${text}' is not a date offset: use e.g. "-4w", "+1d", "-1d 3h" with units y, M, w, d, h, m`,
      arg.pos,
    );
  let sign = 1;
  let i = 0;
  let parts = 0;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    if (text[i] === '+' || text[i] === '-') sign = text[i++] === '-' ? -1 : 1;
    const digitsStart = i;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
    if (i === digitsStart || i - digitsStart > 6) throw invalid();
    const unit = Object.hasOwn(UNITS, text[i] ?? '') ? UNITS[text[i]] : undefined;
    if (!unit) throw invalid();
    unit(offset, sign * Number(text.slice(digitsStart, i)));
    i++;
    parts++;
  }
  if (parts === 0) throw invalid();
  return offset;
}

function applyOffset(ms: number, offset: Offset | undefined, timeZone: string): number {
  if (!offset || !Number.isFinite(ms)) return ms;
  let result = ms;
  if (offset.months !== 0 || offset.days !== 0) {
    result = fromWallClock(shiftWallClock(toWallClock(ms, timeZone), offset.months, offset.days), timeZone);
  }
  return result + offset.ms;
}
