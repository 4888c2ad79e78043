import {
  addDays,
  bucketsOf,
  coverOf,
  daysOf,
  isDayKey,
  isoWeekOf,
  parsePeriod,
  periodContaining,
  previousPeriod,
  rangePeriod,
  vnDay,
  vnDayStartUtc,
} from './periods';

describe('Vietnam days', () => {
  it('puts an instant on its Vietnam calendar day, whatever the UTC date', () => {
    expect(vnDay(new Date('2026-11-30T16:59:59.999Z'))).toBe('2026-11-30');
    expect(vnDay(new Date('2026-11-30T17:00:00.000Z'))).toBe('2026-12-01');
    expect(vnDay(new Date('2026-12-31T17:30:00.000Z'))).toBe('2027-01-01');
  });

  it('starts a Vietnam day at 17:00 UTC the day before', () => {
    expect(vnDayStartUtc('2026-12-01').toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(isDayKey('2028-02-29')).toBe(true);
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2026-13-01')).toBe(false);
    expect(isDayKey('2026-1-01')).toBe(false);
  });

  it('moves across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('ISO weeks', () => {
  it('numbers weeks from the one holding the first Thursday', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({ year: 2026, week: 1 }); // a Thursday
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 }); // Friday: last week of 2026
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 }); // Monday of 2025's first week
    expect(isoWeekOf('2026-11-22')).toEqual({ year: 2026, week: 47 });
  });

  it('gives a Monday-to-Sunday week', () => {
    expect(periodContaining('week', '2026-11-22')).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22', key: '2026-W47' });
    expect(parsePeriod('week', '2026-W53')).toEqual({ kind: 'week', from: '2026-12-28', to: '2027-01-03', key: '2026-W53' });
    expect(parsePeriod('week', '2025-W53')).toBeNull(); // 2025 has 52 weeks
  });
});

describe('periods', () => {
  it('parses each kind', () => {
    expect(parsePeriod('day', '2026-11-22')).toMatchObject({ from: '2026-11-22', to: '2026-11-22' });
    expect(parsePeriod('month', '2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', key: '2026-02' });
    expect(parsePeriod('month', '2028-02')).toMatchObject({ to: '2028-02-29' });
    expect(parsePeriod('quarter', '2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('year', '2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses malformed keys', () => {
    for (const [kind, at] of [['day', '2026-02-30'], ['month', '2026-13'], ['quarter', '2026-Q5'], ['year', '26'], ['week', '2026-W00'], ['month', '1999-12']] as const) {
      expect(parsePeriod(kind, at)).toBeNull();
    }
    expect(rangePeriod('2026-11-10', '2026-11-01')).toBeNull();
    expect(rangePeriod('2026-11-01', 'x')).toBeNull();
  });

  it('finds the previous period of each kind', () => {
    const prev = (kind: 'day' | 'week' | 'month' | 'quarter' | 'year', at: string) => previousPeriod(parsePeriod(kind, at)!).key;
    expect(prev('day', '2026-03-01')).toBe('2026-02-28');
    expect(prev('week', '2026-W01')).toBe('2025-W52');
    expect(prev('month', '2026-01')).toBe('2025-12');
    expect(prev('quarter', '2026-Q1')).toBe('2025-Q4');
    expect(prev('year', '2026')).toBe('2025');
  });

  it('takes as many days just before a range', () => {
    expect(previousPeriod(rangePeriod('2026-11-01', '2026-11-15')!)).toMatchObject({ from: '2026-10-17', to: '2026-10-31' });
    expect(previousPeriod(rangePeriod('2026-03-01', '2026-03-01')!)).toMatchObject({ from: '2026-02-28', to: '2026-02-28' });
  });
});

describe('cover of a range by rollup documents', () => {
  it('uses whole years and months, days only at the ragged ends', () => {
    expect(coverOf({ from: '2025-11-29', to: '2027-02-02' })).toEqual({
      years: ['2026'],
      months: ['2025-12', '2027-01'],
      days: ['2025-11-29', '2025-11-30', '2027-02-01', '2027-02-02'],
    });
    expect(coverOf({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ years: [], months: ['2026-11'], days: [] });
  });

  it('covers every day exactly once', () => {
    const period = { from: '2026-01-15', to: '2027-03-10' };
    const cover = coverOf(period);
    const covered = [
      ...cover.years.flatMap((y) => daysOf(parsePeriod('year', y)!)),
      ...cover.months.flatMap((m) => daysOf(parsePeriod('month', m)!)),
      ...cover.days,
    ].sort();
    expect(covered).toEqual(daysOf(period));
  });
});

describe('series buckets', () => {
  it('clips weeks and months to the range', () => {
    expect(bucketsOf({ from: '2026-11-20', to: '2026-12-02' }, 'week').map((b) => [b.key, b.from, b.to])).toEqual([
      ['2026-W47', '2026-11-20', '2026-11-22'],
      ['2026-W48', '2026-11-23', '2026-11-29'],
      ['2026-W49', '2026-11-30', '2026-12-02'],
    ]);
    expect(bucketsOf({ from: '2026-11-20', to: '2026-12-02' }, 'month').map((b) => b.key)).toEqual(['2026-11', '2026-12']);
    expect(bucketsOf({ from: '2026-11-20', to: '2026-11-22' }, 'day')).toHaveLength(3);
  });
});
