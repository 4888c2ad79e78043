import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';

/**
 * Material's native date adapter reading typed dates day first (`1/12/2026` is 1 December), as both languages of the
 * app write them; the built-in one hands typed text to `Date.parse`, which reads it month first.
 */
@Injectable()
export class VnDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(value);
      if (m) {
        const date = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
        return date.getDate() === Number(m[1]) && date.getMonth() === Number(m[2]) - 1 ? date : this.invalid();
      }
    }
    return super.parse(value, parseFormat);
  }

  override format(date: Date, displayFormat: object): string {
    if (!this.isValid(date)) return '';
    const numeric = 'day' in displayFormat && 'month' in displayFormat && 'year' in displayFormat;
    if (!numeric) return super.format(date, displayFormat);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
  }
}
