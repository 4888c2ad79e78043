/** `<input type="datetime-local">` values read and written as Vietnam time (UTC+7), whatever the device's zone. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2026-03-15T08:30": the Vietnam wall-clock time of an instant, as a datetime-local input wants it. */
export function toVnLocalInput(date: Date): string {
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** The UTC instant (ISO) of a datetime-local value read as Vietnam time; null when it is not one. */
export function fromVnLocalInput(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const at = Date.parse(`${match[1]}T${match[2]}:00+07:00`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** "15/03/2026" from a Vietnam-time calendar date "2026-03-15" (as lots carry them). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
