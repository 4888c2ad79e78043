import { z } from 'zod';
import type { ApiIssue } from '@nss/contracts';

const vi = z.locales.vi();
const en = z.locales.en();

type RawIssue = z.core.$ZodIssue;

function localised(locale: typeof vi, issue: RawIssue): string {
  const result = locale.localeError?.(issue as never);
  if (!result) return '';
  return typeof result === 'string' ? result : result.message;
}

const typeNamesVi: Record<string, string> = {
  number: 'số', string: 'chuỗi ký tự', boolean: 'đúng/sai', object: 'đối tượng', array: 'danh sách', date: 'ngày',
};

/**
 * Turns zod issues into `{ path, message }` pairs a person can act on: the field path in dot notation and a
 * message in Vietnamese then English. Messages that a schema wrote itself are kept as written (they are already
 * bilingual); zod's defaults are localised.
 */
export function zodIssuesToApiIssues(issues: readonly RawIssue[]): ApiIssue[] {
  const out: ApiIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: path ? `${path}.${key}` : key, message: 'Trường không được phép / unknown field' });
      }
      continue;
    }
    if (issue.code === 'invalid_type') {
      const expected = String(issue.expected);
      const missing = issue.message.includes('received undefined');
      out.push({
        path,
        message: missing
          ? 'Bắt buộc phải có / required'
          : `Sai kiểu dữ liệu, cần ${typeNamesVi[expected] ?? expected} / expected ${expected}`,
      });
      continue;
    }
    const defaultEn = localised(en, issue);
    const message = issue.message && issue.message !== defaultEn ? issue.message : `${localised(vi, issue)} / ${defaultEn}`;
    out.push({ path, message });
  }
  return out;
}
