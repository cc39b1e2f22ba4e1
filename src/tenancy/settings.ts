import { z } from 'zod';

/**
 * The core's own per-tenant settings, from the `reminders:` and `webhook:` sections of a tenant
 * file. Defaults: reminders 14, 7 and 1 days before the due day and on it, at 09:00 Shanghai
 * time; escalation to the unit coordinator one day late and to the commission a week late.
 */
export const TenantSettingsSchema = z
  .object({
    reminders: z
      .object({
        beforeDays: z.array(z.number().int().min(1).max(365)).max(10).default([14, 7, 1]),
        onDueDay: z.boolean().default(true),
        escalations: z
          .array(z.object({ afterDays: z.number().int().min(1).max(365), to: z.enum(['unit', 'commission']) }).strict())
          .max(10)
          .default([
            { afterDays: 1, to: 'unit' },
            { afterDays: 7, to: 'commission' },
          ]),
        /** Hour of the Shanghai day at which reminders go out. */
        sendAtHour: z.number().int().min(0).max(23).default(9),
      })
      .strict()
      .default({ beforeDays: [14, 7, 1], onDueDay: true, escalations: [{ afterDays: 1, to: 'unit' }, { afterDays: 7, to: 'commission' }], sendAtHour: 9 }),
    webhook: z
      .object({
        url: z.url('must be an http(s) URL'),
        /** Name of the environment variable holding the HMAC secret: secrets never live in git. */
        secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as WENZHOU_WEBHOOK_SECRET'),
        attempts: z.number().int().min(1).max(20).default(6),
      })
      .strict()
      .nullish(),
    /**
     * A unit that registers an ID number another unit already has is told so (a person is
     * registered once per region), audited; after this many such refusals in 24 hours its
     * coordinators may not write ID numbers until the window passes, so the answer is no probe
     * of other units' staff (src/core/services/id-numbers.ts). Local default: 5.
     */
    idNumbers: z
      .object({ foreignRefusalsPerUnitPerDay: z.number().int().min(0).max(1000).default(5) })
      .strict()
      .default({ foreignRefusalsPerUnitPerDay: 5 }),
  })
  .strict();

export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const defaultTenantSettings = (): TenantSettings => TenantSettingsSchema.parse({});
