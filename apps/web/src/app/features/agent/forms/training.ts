import type { CreateTrainingSessionBody } from '@nss/contracts';
import { normalizeVnMobile, vnDayKey } from '@nss/util-vn';

export interface AttendeeRow {
  name: string;
  phone: string;
}

export interface TrainingFormValue {
  date: string;
  communeCode: string;
  topics: string;
  attendees: AttendeeRow[];
}

export function emptyTrainingForm(now: Date): TrainingFormValue {
  return { date: vnDayKey(now), communeCode: '', topics: '', attendees: [{ name: '', phone: '' }] };
}

/** Topics are typed one per line (or separated by ";"); blanks are dropped. */
export function splitTopics(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/**
 * The body of `POST /training-sessions`. Rows left completely empty are dropped (the form starts with one);
 * a phone is sent in national form when it parses, as typed otherwise (the API names the bad row).
 * Returns the index of every kept row in the form too, so `attendees.<i>` errors land on the right row.
 */
export function toTrainingRequest(value: TrainingFormValue): { body: CreateTrainingSessionBody; rowIndex: number[] } {
  const rowIndex: number[] = [];
  const attendees: CreateTrainingSessionBody['attendees'] = [];
  value.attendees.forEach((row, index) => {
    const name = row.name.trim();
    const phone = row.phone.trim();
    if (!name && !phone) return;
    rowIndex.push(index);
    attendees.push(phone ? { name, phone: normalizeVnMobile(phone) ?? phone } : { name });
  });
  return {
    body: { date: value.date, communeCode: value.communeCode, topics: splitTopics(value.topics), attendees },
    rowIndex,
  };
}

/** Maps an API path of the request ("attendees.2.phone") to the form row it came from ("attendees.4.phone"). */
export function toFormPath(path: string, rowIndex: readonly number[]): string {
  const match = /^attendees\.(\d+)(\..*)?$/.exec(path);
  if (!match) return path;
  const formRow = rowIndex[Number(match[1])];
  return formRow === undefined ? path : `attendees.${formRow}${match[2] ?? ''}`;
}

export type TrainingProblem = 'required' | 'phone';

export function checkTraining(value: TrainingFormValue): Record<string, TrainingProblem> {
  const problems: Record<string, TrainingProblem> = {};
  if (!value.date) problems['date'] = 'required';
  if (!value.communeCode) problems['communeCode'] = 'required';
  if (splitTopics(value.topics).length === 0) problems['topics'] = 'required';
  value.attendees.forEach((row, i) => {
    if (!row.name.trim() && row.phone.trim()) problems[`attendees.${i}.name`] = 'required';
    if (row.phone.trim() && !normalizeVnMobile(row.phone)) problems[`attendees.${i}.phone`] = 'phone';
  });
  return problems;
}
