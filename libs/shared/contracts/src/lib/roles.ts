import { z } from 'zod';

export const ROLES = ['buyer', 'seller', 'agent', 'province_staff', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
