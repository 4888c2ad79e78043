import { z } from 'zod';

/**
 * Orders (issue 6): checkout expiry, auto-completion and shipping fees. The shipping rules are one JSON variable,
 * validated here like every other variable: a malformed value stops the process naming `SHIPPING_RULES`.
 */

const feeSchema = z.strictObject({
  /** Fixed part of the fee, đồng. */
  flatVnd: z.number().int().min(0).max(10_000_000),
  /** Per started kilogram of the parcel, đồng. */
  perKgVnd: z.number().int().min(0).max(10_000_000),
});

export const SHIPPING_ZONES = ['same_province', 'same_region', 'other'] as const;
export type ShippingZone = (typeof SHIPPING_ZONES)[number];

/** Province groups (2025 codes): a parcel within one group ships at the `same_region` rate. */
export const DEFAULT_SHIPPING_REGIONS: Record<string, string[]> = {
  north: ['01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37'],
  central: ['38', '40', '42', '44', '46', '48', '51', '52', '56', '66', '68'],
  south: ['75', '79', '80', '82', '86', '91', '92', '96'],
};

export const shippingRulesSchema = z
  .strictObject({
    zones: z.strictObject({ same_province: feeSchema, same_region: feeSchema, other: feeSchema }),
    /** A seller's items subtotal from which its parcel ships free; null = never free. */
    freeShippingThresholdVnd: z.number().int().min(0).max(1_000_000_000).nullable(),
    /** Region name → 2-digit province codes (2025). Defaults to the three regions north/central/south. */
    regions: z.record(z.string().min(1), z.array(z.string().regex(/^\d{2}$/, 'province codes are 2 digits'))).optional(),
  })
  .superRefine((rules, ctx) => {
    const seen = new Map<string, string>();
    for (const [region, codes] of Object.entries(rules.regions ?? {})) {
      for (const code of codes) {
        const other = seen.get(code);
        if (other && other !== region) ctx.addIssue({ code: 'custom', path: ['regions', region], message: `province ${code} is in both ${other} and ${region}` });
        seen.set(code, region);
      }
    }
  });
export type ShippingRules = Omit<z.infer<typeof shippingRulesSchema>, 'regions'> & { regions: Record<string, string[]> };

/** The built-in rules: 15 000 đ + 3 000 đ/kg within a province, 25 000 + 5 000 within a region, 35 000 + 8 000 otherwise; free from 500 000 đ. */
export const DEFAULT_SHIPPING_RULES: ShippingRules = {
  zones: {
    same_province: { flatVnd: 15_000, perKgVnd: 3_000 },
    same_region: { flatVnd: 25_000, perKgVnd: 5_000 },
    other: { flatVnd: 35_000, perKgVnd: 8_000 },
  },
  freeShippingThresholdVnd: 500_000,
  regions: DEFAULT_SHIPPING_REGIONS,
};

/** `SHIPPING_RULES`: JSON text; empty or absent = the built-in rules. */
export const shippingRulesEnvSchema = z
  .string()
  .optional()
  .transform((text, ctx): ShippingRules => {
    if (text === undefined || text.trim() === '') return DEFAULT_SHIPPING_RULES;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON (see .env.example)' });
      return z.NEVER;
    }
    const parsed = shippingRulesSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(rules)'}: ${issue.message}` });
      return z.NEVER;
    }
    return { ...parsed.data, regions: parsed.data.regions ?? DEFAULT_SHIPPING_REGIONS };
  });

export const ordersEnvShape = {
  /**
   * How long a VNPay checkout waits for its payment before it expires and its stock returns (seconds). Outside
   * development at least 60 (PRODUCTION_RULES); tests of expiry use a few seconds.
   */
  ORDER_EXPIRY_VNPAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** How long a bank-transfer checkout waits for the transfer (seconds). Outside development at least 300. */
  ORDER_EXPIRY_BANK_TRANSFER_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(86_400),
  /** A delivered prepaid order the buyer did not complete is completed after this many days. */
  ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** Shipping fees (JSON, see DEFAULT_SHIPPING_RULES); absent = built-in rules. */
  SHIPPING_RULES: shippingRulesEnvSchema,
};
