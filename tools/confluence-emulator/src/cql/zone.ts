/** A local date and time in some zone. `month` is 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
/** Beyond this, probing a day either side would leave the range a Date can hold. */
const LAST_SAFE_MS = 8.64e15 - 2 * DAY_MS;
const MAX_CACHED_ZONES = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timeZone, found);
  }
  return found;
}

/** True when `timeZone` is an IANA zone (or offset) that `Intl` knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Epoch milliseconds of a wall-clock reading taken as if it were UTC; tolerates out-of-range fields. */
export function naiveUtc(wall: WallClock): number {
  // Date.UTC maps years 0-99 to 1900-1999, so the year is set separately.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function toWallClock(ms: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'],
    month: fields['month'],
    day: fields['day'],
    hour: fields['hour'],
    minute: fields['minute'],
    second: fields['second'],
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function offsetAt(ms: number, timeZone: string): number {
  return naiveUtc(toWallClock(ms, timeZone)) - ms;
}

/**
 * The instant at which clocks in `timeZone` show `wall`. Like java.time: a time that happens twice (clocks
 * turned back) gives the earlier instant; a time skipped by clocks turned forward moves forward by the gap.
 * Gives `NaN` for a time outside the range of a Date.
 */
export function fromWallClock(wall: WallClock, timeZone: string): number {
  const naive = naiveUtc(wall);
  if (!(Math.abs(naive) <= LAST_SAFE_MS)) return NaN;
  const before = offsetAt(naive - DAY_MS, timeZone);
  let best: number | undefined;
  for (const offset of [before, offsetAt(naive, timeZone), offsetAt(naive + DAY_MS, timeZone)]) {
    const candidate = naive - offset;
    if (offsetAt(candidate, timeZone) === offset && (best === undefined || candidate < best)) best = candidate;
  }
  return best ?? naive - before;
}

/** Days in a month of the proleptic Gregorian calendar; `month` is 1-12. */
export function daysInMonth(year: number, month: number): number {
  const dayBeforeNextMonth = { year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return new Date(naiveUtc(dayBeforeNextMonth)).getUTCDate();
}

/** Moves a wall clock by whole calendar units, normalizing overflow (day 32 becomes the next month). */
export function shiftWallClock(wall: WallClock, months: number, days: number): WallClock {
  const monthIndex = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  // Like java.util.Calendar, adding months to the 31st lands on the last day of a shorter month.
  const day = Math.min(wall.day, daysInMonth(year, month));
  const normalized = new Date(naiveUtc({ ...wall, year, month, day: day + days }));
  return {
    ...wall,
    year: normalized.getUTCFullYear(),
    month: normalized.getUTCMonth() + 1,
    day: normalized.getUTCDate(),
  };
}

/** Day of the week of a wall-clock date: 0 = Sunday. */
export function dayOfWeek(wall: WallClock): number {
  return new Date(naiveUtc({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
}
