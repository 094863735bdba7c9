import { CqlBuildError, describe } from './errors';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/;

/** Throws unless `text` is a real calendar date written `yyyy-MM-dd` or `yyyy-MM-dd HH:mm`. */
export function assertDateText(text: string, label: string): void {
  const match = DATE_TEXT.exec(text);
  const [year, month, day, hour, minute] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const valid =
    match !== null &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59;
  if (!valid) {
    throw new CqlBuildError(`${label}: ${describe(text)} is not a date; use "yyyy-MM-dd" or "yyyy-MM-dd HH:mm"`);
  }
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 to the 1900s.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: unknown, label: string): Intl.DateTimeFormat {
  if (typeof timeZone !== 'string') throw new CqlBuildError(`${label}: timeZone must be a string`);
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new CqlBuildError(`${label}: unknown time zone ${describe(timeZone)}`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * A date operand as CQL reads it. Strings must already be `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` and pass through
 * unchanged. A `Date` is written as its wall-clock time in `timeZone`, truncated to the minute, since CQL has
 * no seconds and no offsets.
 */
export function formatCqlDate(date: unknown, timeZone: unknown, label: string): string {
  if (typeof date === 'string') {
    assertDateText(date, label);
    return date;
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new CqlBuildError(
      `${label}: date must be a valid Date or a "yyyy-MM-dd[ HH:mm]" string, got ${describe(date)}`,
    );
  }
  const year = date.getUTCFullYear();
  // CQL years have four digits; outside that range the formatted year (or its era) would be misread.
  if (year < 1000 || year > 9999) throw new CqlBuildError(`${label}: the year ${year} cannot be written in CQL`);
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone, label).formatToParts(date)) parts[part.type] = part.value;
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  // A zone can still push year 1000 back into 999, which has no four-digit form.
  assertDateText(text, label);
  return text;
}
