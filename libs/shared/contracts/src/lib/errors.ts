import { z } from 'zod';

/** One problem with one field of a request, e.g. `{ path: "address.communeCode", message: "…" }`. */
export const apiIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/**
 * Every error response has this shape. `message` is Vietnamese, `messageEn` English; `errorId` is present on
 * 5xx responses and is the id written to the server log.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  issues: z.array(apiIssueSchema).optional(),
  errorId: z.string().optional(),
});

export type ApiIssue = z.infer<typeof apiIssueSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;
