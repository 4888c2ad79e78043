import { z } from 'zod';
import { isoDateTimeSchema, objectIdSchema } from './common';

/** How a message reaches a phone: a Zalo ZNS template message, or an SMS under our brandname. */
export const messageChannelSchema = z.enum(['zns', 'sms']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

/**
 * Where a message is: waiting for the worker, accepted by a provider (awaiting its delivery report), delivered, or
 * dead-lettered (every channel failed, or a failure that retrying cannot fix).
 */
export const messageStateSchema = z.enum(['queued', 'sent', 'delivered', 'dead']);
export type MessageState = z.infer<typeof messageStateSchema>;

/** A dead-lettered message as an admin sees it: no parameters (codes), the phone masked. */
export const deadLetterSchema = z.object({
  id: objectIdSchema,
  template: z.string(),
  phoneMasked: z.string(),
  channel: messageChannelSchema,
  attempts: z.number().int(),
  /** The provider's error code and our reading of it, e.g. `zns:-101` / `ZNS template parameters invalid`. */
  lastError: z.string().nullable(),
  replayable: z.boolean(),
  createdAt: isoDateTimeSchema,
  deadAt: isoDateTimeSchema.nullable(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLetterQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

export const replayResultSchema = z.object({ id: objectIdSchema, state: messageStateSchema });
export type ReplayResult = z.infer<typeof replayResultSchema>;
