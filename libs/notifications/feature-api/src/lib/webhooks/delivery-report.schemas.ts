import { z } from 'zod';
import { createZodDto } from '@nss/server-core';

/** ZNS `user_received_message` event (other events are acknowledged and ignored). Extra fields are allowed. */
export const znsEventSchema = z.object({
  event_name: z.string(),
  app_id: z.union([z.string(), z.number()]).transform(String),
  message: z
    .object({
      msg_id: z.string().max(100).optional(),
      tracking_id: z.string().max(48).optional(),
      delivery_time: z.union([z.string(), z.number()]).optional(),
    })
    .optional(),
});
export type ZnsEvent = z.infer<typeof znsEventSchema>;

const text = z.string().max(100);

/** eSMS delivery report query string (GET). Extra parameters are allowed: eSMS may add some. */
export const esmsReportQuerySchema = z.object({
  SMSID: text.optional(),
  RequestId: text.optional(),
  SendStatus: text.optional(),
  SendSuccess: text.optional(),
  SendFailed: text.optional(),
});
export type EsmsReportQuery = z.infer<typeof esmsReportQuerySchema>;

export const esmsTokenParamsSchema = z.strictObject({ token: z.string().max(200) });

export class EsmsReportQueryDto extends createZodDto(esmsReportQuerySchema) {}
export class EsmsTokenParamsDto extends createZodDto(esmsTokenParamsSchema) {}
