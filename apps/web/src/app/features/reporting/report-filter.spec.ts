import { dateOf, dayKeyOf, defaultFilter, filterFromUrl, filterToUrl, granularityOf, isFuture, periodOf, periodQuery, shiftFilter, trendOf, type ReportFilter } from './report-filter';
import { TestBed } from '@angular/core/testing';
import { MAT_DATE_LOCALE } from '@angular/material/core';
import { VnDateAdapter } from './vn-date-adapter';

const base: ReportFilter = { kind: 'month', day: '2026-11-22', from: '2026-11-01', to: '2026-11-15' };

describe('report filter → query', () => {
  it('names each kind of period by the key the API expects', () => {
    expect(periodQuery({ ...base, kind: 'day' })).toEqual({ period: 'day', at: '2026-11-22', province: undefined, commune: undefined });
    expect(periodQuery({ ...base, kind: 'week' })).toMatchObject({ period: 'week', at: '2026-W47' });
    expect(periodQuery(base)).toMatchObject({ period: 'month', at: '2026-11' });
    expect(periodQuery({ ...base, kind: 'quarter' })).toMatchObject({ period: 'quarter', at: '2026-Q4' });
    expect(periodQuery({ ...base, kind: 'year' })).toMatchObject({ period: 'year', at: '2026' });
  });

  it('sends a range as from/to without at, and carries the province and commune', () => {
    const q = periodQuery({ ...base, kind: 'range', province: '19', commune: 'old:01234' });
    expect(q).toEqual({ period: 'range', from: '2026-11-01', to: '2026-11-15', province: '19', commune: 'old:01234' });
    expect(q).not.toHaveProperty('at');
  });

  it('defaults to the current Vietnam month (a UTC evening is already the next day in Vietnam)', () => {
    const f = defaultFilter(new Date('2026-11-30T18:00:00Z'));
    expect(periodQuery(f)).toMatchObject({ period: 'month', at: '2026-12' });
    expect(f.to).toBe('2026-12-01');
    expect(f.from).toBe('2026-11-02');
  });

  it('steps to the previous and next period of the kind, a range by its own length', () => {
    expect(periodOf(shiftFilter(base, -1)).key).toBe('2026-10');
    expect(periodOf(shiftFilter(base, 1)).key).toBe('2026-12');
    expect(periodOf(shiftFilter({ ...base, kind: 'quarter', day: '2026-01-10' }, -1)).key).toBe('2025-Q4');
    expect(periodOf(shiftFilter({ ...base, kind: 'week', day: '2026-01-01' }, -1)).key).toBe('2025-W52');
    const range = shiftFilter({ ...base, kind: 'range' }, -1);
    expect([range.from, range.to]).toEqual(['2026-10-17', '2026-10-31']);
  });

  it('knows when the next period has not started yet', () => {
    const now = new Date('2026-11-22T03:00:00Z');
    expect(isFuture(shiftFilter(base, 1), now)).toBe(true);
    expect(isFuture(shiftFilter(base, -1), now)).toBe(false);
  });

  it('picks a readable series: days up to a month, then weeks, then months', () => {
    expect(granularityOf({ from: '2026-11-01', to: '2026-11-30' })).toBe('day');
    expect(granularityOf({ from: '2026-10-01', to: '2026-12-31' })).toBe('week');
    expect(granularityOf({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
  });

  it('turns a picked date into its calendar day and back, whatever the time zone', () => {
    expect(dayKeyOf(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(dayKeyOf(dateOf('2026-12-31'))).toBe('2026-12-31');
    expect(isNaN(dateOf('2026-02-30').getTime())).toBe(true);
  });
});

describe('trend against the previous period', () => {
  it('says up or down with the percent, rounded to one decimal', () => {
    expect(trendOf(120, 100)).toEqual({ direction: 'up', percent: 20 });
    expect(trendOf(2, 3)).toEqual({ direction: 'down', percent: -33.3 });
    expect(trendOf(5, 5)).toEqual({ direction: 'flat', percent: 0 });
  });

  it('gives no percent against zero', () => {
    expect(trendOf(7, 0)).toEqual({ direction: 'new', percent: null });
    expect(trendOf(0, 0)).toEqual({ direction: 'flat', percent: null });
    expect(trendOf(0, 4)).toEqual({ direction: 'down', percent: -100 });
  });
});

describe('VnDateAdapter', () => {
  const adapter = () => {
    TestBed.configureTestingModule({ providers: [VnDateAdapter, { provide: MAT_DATE_LOCALE, useValue: 'vi-VN' }] });
    return TestBed.inject(VnDateAdapter);
  };

  it('reads typed dates day first and refuses impossible ones', () => {
    const a = adapter();
    expect(dayKeyOf(a.parse('1/12/2026', null) as Date)).toBe('2026-12-01');
    expect(dayKeyOf(a.parse('31.01.2026', null) as Date)).toBe('2026-01-31');
    expect(a.isValid(a.parse('31/02/2026', null) as Date)).toBe(false);
  });

  it('writes dates as DD/MM/YYYY', () => {
    expect(adapter().format(new Date(2026, 11, 1), { year: 'numeric', month: 'numeric', day: 'numeric' })).toBe('01/12/2026');
  });
});

describe('report filter ↔ URL', () => {
  const now = new Date('2026-11-22T03:00:00Z');

  it('round-trips every kind of filter through the URL, and writes nothing for the default', () => {
    const present = (q: Record<string, string | null>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null)) as Record<string, string>;
    expect(present(filterToUrl(defaultFilter(now), now))).toEqual({});
    for (const filter of [
      { ...base, kind: 'year' as const, day: '2025-03-04' },
      { ...base, kind: 'range' as const, from: '2026-10-01', to: '2026-10-31', province: '19', commune: 'old:01234' },
      { ...base, kind: 'week' as const, day: '2026-11-22', province: '19' },
    ]) {
      const back = filterFromUrl(present(filterToUrl(filter, now)), now);
      expect(periodQuery(back)).toEqual(periodQuery(filter));
    }
  });

  it('ignores what is malformed: an unknown period, an impossible day, a reversed range, a strange place key', () => {
    const f = filterFromUrl({ period: 'decade', day: '2026-02-30', province: '<script>', commune: '../x' }, now);
    expect(f).toEqual(defaultFilter(now));
    const reversed = filterFromUrl({ period: 'range', from: '2026-11-10', to: '2026-11-01' }, now);
    expect(reversed.kind).toBe('month');
  });
});
