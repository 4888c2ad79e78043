/** A message as the simulator's JSON endpoint lists it. */
export interface SimMessage {
  id: string;
  channel: 'zns' | 'sms';
  phone: string;
  templateId?: string;
  templateData?: Record<string, string>;
  text?: string;
  reference: string;
  providerId?: string;
  result: string;
  timedOut: boolean;
  report: string;
}

export async function simMessages(simUrl: string, phone: string): Promise<SimMessage[]> {
  const res = await fetch(`${simUrl}/sim/messages?phone=${encodeURIComponent(phone)}`);
  return (await res.json()) as SimMessage[];
}

/** Tells the simulator what to do to the next sends (see apps/messaging-sim control-routes.ts). */
export async function simControl(
  simUrl: string,
  control: { phone?: string; channel: 'zns' | 'sms'; action: 'fail' | 'timeout' | 'not_on_zalo' | 'expire_token' | 'no_report'; code?: string | number; times?: number },
): Promise<void> {
  const res = await fetch(`${simUrl}/sim/controls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) });
  if (res.status !== 201) throw new Error(`simulator refused the control: ${res.status} ${await res.text()}`);
}
