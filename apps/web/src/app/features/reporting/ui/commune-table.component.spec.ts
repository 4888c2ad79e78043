import { TestBed } from '@angular/core/testing';
import type { ReportCommunesDto } from '@nss/contracts';
import { I18n } from '@nss/web-data-access';
import { REPORTING_TEXTS } from '../reporting.i18n';
import { CommuneTableComponent, sortCommuneRows } from './commune-table.component';

type Row = ReportCommunesDto['communes'][number];
const row = (key: string, vi: string, values: Record<string, number>, former = false): Row => ({ key, name: { vi, en: vi }, former, values });
const ROWS: Row[] = [
  row('05503', 'Xã Tân Cương', { orders_sold: 12, revenue_vnd: 3_000_000 }),
  row('05500', 'Phường Phan Đình Phùng', { orders_sold: 40, revenue_vnd: 9_000_000 }),
  row('old:01234', 'Xã cũ Đồng Tâm', { orders_sold: 3, revenue_vnd: 500_000 }, true),
  row('05569', 'Xã Định Hóa', { orders_sold: 12, revenue_vnd: 2_000_000 }),
];
const names = (rows: Row[]) => rows.map((r) => r.name.vi);

describe('sortCommuneRows', () => {
  it('sorts names in Vietnamese order, Đ after D', () => {
    const rows = [row('1', 'Dương', {}), row('2', 'Đồng', {}), row('3', 'Cao', {}), row('4', 'Em', {})];
    expect(names(sortCommuneRows(rows, { active: 'name', direction: 'asc' }, 'vi'))).toEqual(['Cao', 'Dương', 'Đồng', 'Em']);
    expect(names(sortCommuneRows(rows, { active: 'name', direction: 'desc' }, 'vi'))).toEqual(['Em', 'Đồng', 'Dương', 'Cao']);
  });

  it('sorts a figure by value, ties by name, and leaves the input alone', () => {
    const copy = [...ROWS];
    expect(names(sortCommuneRows(ROWS, { active: 'orders_sold', direction: 'desc' }, 'vi'))).toEqual([
      'Phường Phan Đình Phùng', 'Xã Định Hóa', 'Xã Tân Cương', 'Xã cũ Đồng Tâm',
    ]);
    expect(names(sortCommuneRows(ROWS, { active: 'revenue_vnd', direction: 'asc' }, 'vi'))[0]).toBe('Xã cũ Đồng Tâm');
    expect(ROWS).toEqual(copy);
  });
});

describe('CommuneTableComponent', () => {
  it('shows every commune by name, notes the split former commune, and re-sorts when a header is clicked', async () => {
    TestBed.inject(I18n).register(REPORTING_TEXTS);
    const fixture = TestBed.createComponent(CommuneTableComponent);
    fixture.componentRef.setInput('communes', ROWS);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const shown = () => Array.from(el.querySelectorAll('[data-testid=commune-row]')).map((r) => r.getAttribute('data-key'));
    expect(shown()).toEqual(['05500', 'old:01234', '05569', '05503']);
    const former = el.querySelector('[data-key="old:01234"] [data-testid=commune-former]');
    expect(former?.textContent).toContain('Xã cũ đã chia tách');
    expect(el.querySelector('[data-key="05500"] [data-figure=revenue_vnd]')?.textContent?.trim()).toBe('9.000.000');

    const header = el.querySelector('[data-testid=sort-orders_sold] .mat-sort-header-container') as HTMLElement;
    header.click();
    fixture.detectChanges();
    expect(shown()).toEqual(['old:01234', '05569', '05503', '05500']);
    header.click();
    fixture.detectChanges();
    expect(shown()).toEqual(['05500', '05569', '05503', 'old:01234']);
    expect(el.querySelector('[data-testid=sort-orders_sold]')?.getAttribute('aria-sort')).toBe('descending');
  });
});
