/** Business dates are Vietnam time (UTC+7, no daylight saving) whatever the server's time zone. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function shifted(date: Date): Date {
  return new Date(date.getTime() + VN_OFFSET_MS);
}

/** "2026-11-22": the calendar day in Vietnam of an instant. */
export function vnDayKey(date: Date): string {
  return shifted(date).toISOString().slice(0, 10);
}

/** "2026-11": the calendar month in Vietnam of an instant. */
export function vnMonthKey(date: Date): string {
  return shifted(date).toISOString().slice(0, 7);
}

/** The instant at which a Vietnam calendar day ("2026-11-22") starts, as a UTC Date. */
export function vnDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - VN_OFFSET_MS);
}

/** "22/11/2026 14:05" in Vietnam time, the way people read dates here. */
export function formatVnDateTime(date: Date): string {
  const iso = shifted(date).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** "22/11/2026" in Vietnam time. */
export function formatVnDate(date: Date): string {
  return formatVnDateTime(date).slice(0, 10);
}

/** Adds whole calendar months (used for certificate validity: OCOP lasts 36 months from its decision date). */
export function addMonthsUtc(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
