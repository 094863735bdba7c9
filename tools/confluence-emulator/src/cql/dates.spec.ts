import { compileCql } from './index';
import { cqlErrorOf, doc, ids } from './spec-helpers';

/** Documents modified at the given instants; each id is its ISO string. */
function modifiedAt(...isoTimes: string[]) {
  return isoTimes.map((iso) => doc({ id: iso, lastModifiedMs: Date.parse(iso), createdMs: Date.parse(iso) }));
}

describe('CQL dates', () => {
  describe('literals', () => {
    const docs = modifiedAt(
      '2024-01-01T23:59:59Z',
      '2024-01-02T00:00:00Z',
      '2024-01-02T13:00:00Z',
      '2024-01-02T23:59:59Z',
      '2024-01-03T00:00:00Z',
    );

    it('= on a day matches the whole day, in every accepted spelling', () => {
      const wholeDay = ['2024-01-02T00:00:00Z', '2024-01-02T13:00:00Z', '2024-01-02T23:59:59Z'];
      expect(ids('lastmodified = "2024-01-02"', docs)).toEqual(wholeDay);
      expect(ids("created = '2024/01/02'", docs)).toEqual(wholeDay);
      expect(ids('created = 2024/1/2', docs)).toEqual(wholeDay);
      expect(ids('lastmodified != 2024-01-02', docs)).toEqual(['2024-01-01T23:59:59Z', '2024-01-03T00:00:00Z']);
    });

    it('a day as a bound: > means after that day, <= up to its end', () => {
      expect(ids('created > "2024-01-02"', docs)).toEqual(['2024-01-03T00:00:00Z']);
      expect(ids('created >= "2024-01-02"', docs)).toEqual(docs.slice(1).map((d) => d.id));
      expect(ids('created < "2024-01-02"', docs)).toEqual(['2024-01-01T23:59:59Z']);
      expect(ids('created <= "2024-01-02"', docs)).toEqual(docs.slice(0, 4).map((d) => d.id));
    });

    it('compares at minute precision: the seconds of the document time are ignored', () => {
      const near = modifiedAt(
        '2024-01-02T09:59:59Z',
        '2024-01-02T10:00:00Z',
        '2024-01-02T10:00:30Z',
        '2024-01-02T10:01:00Z',
      );
      expect(ids('lastmodified >= "2024-01-02 10:00"', near)).toEqual(near.slice(1).map((d) => d.id));
      expect(ids('lastmodified > "2024-01-02 10:00"', near)).toEqual(['2024-01-02T10:01:00Z']);
      expect(ids('lastmodified < "2024/01/02 10:00"', near)).toEqual(['2024-01-02T09:59:59Z']);
      expect(ids('lastmodified <= "2024-01-02 10:00"', near)).toEqual(near.slice(0, 3).map((d) => d.id));
      expect(ids('lastmodified = "2024-01-02 10:00"', near)).toEqual(['2024-01-02T10:00:00Z', '2024-01-02T10:00:30Z']);
    });

    it.each([
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '0000-01-01',
      '24-01-01',
      '2024-01/01',
      '2024-01-01 24:00',
      '2024-01-01 10:60',
      '2024-01-01T10:00',
      '2024-01-01 10',
      'yesterday',
      '',
    ])('refuses the date %j', (value) => {
      expect(cqlErrorOf(`created > "${value}"`).reason).toMatch(/is not a date/);
    });

    it('accepts the leap day of a leap year', () => {
      expect(ids('created = "2024-02-29"', modifiedAt('2024-02-29T12:00:00Z'))).toHaveLength(1);
    });
  });

  describe('time zones', () => {
    const lateEvening = modifiedAt('2024-03-10T23:30:00Z');

    it('reads a day in the given zone: 23:30 UTC is the next day in Berlin', () => {
      expect(ids('lastmodified = "2024-03-11"', lateEvening, { timeZone: 'Europe/Berlin' })).toHaveLength(1);
      expect(ids('lastmodified = "2024-03-10"', lateEvening, { timeZone: 'Europe/Berlin' })).toHaveLength(0);
      expect(ids('lastmodified = "2024-03-10"', lateEvening)).toHaveLength(1);
      expect(ids('lastmodified = "2024-03-10"', lateEvening, { timeZone: 'America/New_York' })).toHaveLength(1);
    });

    it('reads a minute in the given zone', () => {
      const docs = modifiedAt('2024-07-01T13:15:00Z', '2024-07-01T09:15:00Z');
      expect(ids('created = "2024-07-01 09:15"', docs, { timeZone: 'America/New_York' })).toEqual([docs[0].id]);
      expect(ids('created = "2024-07-01 09:15"', docs, { timeZone: 'UTC' })).toEqual([docs[1].id]);
    });

    it('a day when clocks go forward has 23 hours', () => {
      const docs = modifiedAt(
        '2024-03-30T22:59:00Z',
        '2024-03-30T23:00:00Z',
        '2024-03-31T21:59:00Z',
        '2024-03-31T22:00:00Z',
      );
      expect(ids('created = "2024-03-31"', docs, { timeZone: 'Europe/Berlin' })).toEqual([docs[1].id, docs[2].id]);
    });

    it('a day when clocks go back has 25 hours', () => {
      const docs = modifiedAt(
        '2024-10-26T21:59:00Z',
        '2024-10-26T22:00:00Z',
        '2024-10-27T22:59:00Z',
        '2024-10-27T23:00:00Z',
      );
      expect(ids('created = "2024-10-27"', docs, { timeZone: 'Europe/Berlin' })).toEqual([docs[1].id, docs[2].id]);
    });

    it('a skipped time moves forward by the gap; a repeated time is its first occurrence', () => {
      const skipped = modifiedAt('2024-03-31T01:30:00Z', '2024-03-31T00:30:00Z');
      expect(ids('created = "2024-03-31 02:30"', skipped, { timeZone: 'Europe/Berlin' })).toEqual([skipped[0].id]);
      const repeated = modifiedAt('2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z');
      expect(ids('created = "2024-10-27 02:30"', repeated, { timeZone: 'Europe/Berlin' })).toEqual([repeated[0].id]);
    });

    it('refuses an unknown zone with a CqlError', () => {
      expect(cqlErrorOf('type = page', { timeZone: 'Mars/Olympus' }).reason).toBe("unknown time zone 'Mars/Olympus'");
    });
  });

  describe('functions', () => {
    const at = (iso: string) => () => Date.parse(iso);

    it('now("-1d") is one day before the injected clock, at minute precision', () => {
      const docs = modifiedAt('2024-05-09T11:59:59Z', '2024-05-09T12:00:45Z', '2024-05-09T12:01:00Z');
      const now = at('2024-05-10T12:00:30Z');
      expect(ids('lastmodified >= now("-1d")', docs, { now })).toEqual([docs[1].id, docs[2].id]);
      expect(ids('lastmodified > now("-1d")', docs, { now })).toEqual([docs[2].id]);
      expect(ids('lastmodified < now("-1d")', docs, { now })).toEqual([docs[0].id]);
    });

    it('now() without an offset is the current minute', () => {
      const docs = modifiedAt('2024-05-10T12:00:00Z', '2024-05-10T12:00:59Z', '2024-05-10T12:01:00Z');
      expect(ids('lastmodified = now()', docs, { now: at('2024-05-10T12:00:30Z') })).toEqual([docs[0].id, docs[1].id]);
    });

    it.each([
      ['"-4w"', '2024-04-12T12:00:00Z'],
      ['-4w', '2024-04-12T12:00:00Z'],
      ['"+1d 3h"', '2024-05-11T15:00:00Z'],
      ['"-1d 3h"', '2024-05-09T09:00:00Z'],
      ['"+1d -30m"', '2024-05-11T11:30:00Z'],
      ['"-1y"', '2023-05-10T12:00:00Z'],
      ['"2M"', '2024-07-10T12:00:00Z'],
      ['"-90m"', '2024-05-10T10:30:00Z'],
    ])('now(%s) is %s', (arg, expected) => {
      const docs = modifiedAt(expected, new Date(Date.parse(expected) + 60_000).toISOString());
      expect(ids(`created = now(${arg})`, docs, { now: at('2024-05-10T12:00:00Z') })).toEqual([expected]);
    });

    it('month offsets stop at the end of a shorter month', () => {
      const docs = modifiedAt('2024-02-29T08:00:00Z', '2024-03-02T08:00:00Z');
      expect(ids('created = now("-1M")', docs, { now: at('2024-03-31T08:00:00Z') })).toEqual([docs[0].id]);
    });

    it('day offsets keep the wall-clock time across a DST change, hour offsets do not', () => {
      const now = at('2024-03-31T12:00:00Z');
      const docs = modifiedAt('2024-03-30T13:00:00Z', '2024-03-30T12:00:00Z');
      expect(ids('created = now("-1d")', docs, { now, timeZone: 'Europe/Berlin' })).toEqual([docs[0].id]);
      expect(ids('created = now("-24h")', docs, { now, timeZone: 'Europe/Berlin' })).toEqual([docs[1].id]);
    });

    it('startOfDay() is midnight in the zone, with an optional offset', () => {
      const now = at('2024-03-10T23:30:00Z');
      const docs = modifiedAt('2024-03-09T23:00:00Z', '2024-03-10T00:00:00Z', '2024-03-10T23:00:00Z');
      expect(ids('created = startOfDay()', docs, { now, timeZone: 'Europe/Berlin' })).toEqual([docs[2].id]);
      expect(ids('created = startOfDay("-1d")', docs, { now, timeZone: 'Europe/Berlin' })).toEqual([docs[0].id]);
      expect(ids('created = startOfDay()', docs, { now })).toEqual([docs[1].id]);
    });

    it('startOfWeek() is Sunday by default, or the configured first day', () => {
      const now = at('2024-05-15T10:00:00Z');
      const docs = modifiedAt('2024-05-12T00:00:00Z', '2024-05-13T00:00:00Z', '2024-05-19T00:00:00Z');
      expect(ids('created = startOfWeek()', docs, { now })).toEqual([docs[0].id]);
      expect(ids('created = startOfWeek()', docs, { now, firstDayOfWeek: 1 })).toEqual([docs[1].id]);
      expect(ids('created = startOfWeek("+1w")', docs, { now })).toEqual([docs[2].id]);
    });

    it('startOfMonth() and startOfYear() begin the period; offsets move the result', () => {
      const now = at('2024-05-15T10:00:00Z');
      const docs = modifiedAt(
        '2024-05-01T00:00:00Z',
        '2024-01-01T00:00:00Z',
        '2024-04-01T00:00:00Z',
        '2023-01-01T00:00:00Z',
      );
      expect(ids('created = startOfMonth()', docs, { now })).toEqual([docs[0].id]);
      expect(ids('created = startOfYear()', docs, { now })).toEqual([docs[1].id]);
      expect(ids('created = startOfMonth("-1M")', docs, { now })).toEqual([docs[2].id]);
      expect(ids('created = startOfYear(-1y)', docs, { now })).toEqual([docs[3].id]);
    });

    it('endOf functions are the last minute of the period', () => {
      const now = at('2024-02-08T10:00:00Z'); // a Thursday
      const docs = modifiedAt(
        '2024-02-08T23:59:00Z',
        '2024-02-29T23:59:30Z',
        '2024-12-31T23:59:00Z',
        '2024-02-10T23:59:00Z',
      );
      expect(ids('created = endOfDay()', docs, { now })).toEqual([docs[0].id]);
      expect(ids('created = endOfMonth()', docs, { now })).toEqual([docs[1].id]);
      expect(ids('created = endOfYear()', docs, { now })).toEqual([docs[2].id]);
      expect(ids('created = endOfWeek()', docs, { now })).toEqual([docs[3].id]);
      expect(ids('created = endOfDay("+21d")', docs, { now })).toEqual([docs[1].id]);
    });

    it('startOfMonth() to endOfMonth() covers the whole month, last day included', () => {
      const now = at('2024-02-10T10:00:00Z');
      const docs = modifiedAt(
        '2024-01-31T23:59:59Z',
        '2024-02-01T00:00:00Z',
        '2024-02-29T23:59:59Z',
        '2024-03-01T00:00:00Z',
      );
      const inFebruary = ids('created >= startOfMonth() and created <= endOfMonth()', docs, { now });
      expect(inFebruary).toEqual([docs[1].id, docs[2].id]);
    });

    it('function names are case-insensitive', () => {
      const docs = modifiedAt('2024-05-10T00:00:00Z');
      expect(ids('created = STARTOFDAY()', docs, { now: at('2024-05-10T10:00:00Z') })).toHaveLength(1);
    });

    it('reads the clock once per query', () => {
      const now = jest.fn(() => Date.parse('2024-05-10T12:00:00Z'));
      const compiled = compileCql('created > now("-1d") and created < now() and lastmodified > startOfYear()', { now });
      compiled.matches(doc());
      expect(now).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['created > now("-4x")', /is not a date offset/],
      ['created > now("")', /is not a date offset/],
      ['created > now("4")', /is not a date offset/],
      ['created > now("d")', /is not a date offset/],
      ['created > now("-1234567d")', /is not a date offset/],
      ['created > now("-1d", "2d")', /takes at most one argument/],
      ['created > now("+999999y")', /out of the supported date range/],
      ['created > endOfYear("+999999y")', /out of the supported date range/],
      ['created > yesterday()', /the function 'yesterday' is not supported/],
    ])('%s is a CqlError', (cql, reason) => {
      expect(cqlErrorOf(cql).reason).toMatch(reason);
    });

    it('a broken clock or week setting is a CqlError', () => {
      expect(cqlErrorOf('created > now()', { now: () => NaN }).reason).toBe('the clock gave no valid time');
      expect(cqlErrorOf('type = page', { firstDayOfWeek: 7 }).reason).toMatch(/firstDayOfWeek/);
    });
  });
});
