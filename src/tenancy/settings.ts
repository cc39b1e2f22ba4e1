import { z } from 'zod';

/**
 * The core's own per-tenant settings, from the `reminders:` and `webhook:` sections of a tenant
 * file. Defaults: reminders 14, 7 and 1 days before the due day and on it, at 09:00 Shanghai
 * time; escalation to the unit coordinator one day late and to the commission a week late.
 */
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as WENZHOU_SMTP_PASSWORD');
/** `inbox` (nothing beyond the in-app inbox), `email`, or `robot:<name>` (a robot of this file). */
export const CHANNEL = /^(inbox|email|robot:[a-z][a-z0-9-]*)$/;
const channel = z.string().regex(CHANNEL, 'inbox, email or robot:<name>');

/**
 * `notify:` — reminders beyond the inbox. Secrets (the SMTP password, a robot's webhook URL,
 * which holds its key, and DingTalk's signing secret) are named environment variables, never
 * values in git. Local defaults: STARTTLS on 587; a talent with an email address gets email;
 * units and the commission choose their channels; 6 attempts; links valid 14 days.
 */
const NotifySchema = z
  .object({
    email: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(587),
        /** implicit (SMTPS, 465), starttls (587; required), none (only for a local relay or a test server). */
        tls: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
        user: z.string().nullish(),
        passwordEnv: envName.nullish(),
        /** The tenant's own sender, e.g. '"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>'. */
        from: z.string().min(3),
      })
      .strict()
      .nullish(),
    robots: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'robot names are lowercase letters, digits and -'),
        z
          .object({ kind: z.enum(['wecom', 'dingtalk']), urlEnv: envName, secretEnv: envName.nullish() })
          .strict()
          .refine((r) => r.kind !== 'dingtalk' || !!r.secretEnv, { message: 'a DingTalk robot signs its messages: give secretEnv', path: ['secretEnv'] }),
      )
      .default({}),
    commission: z.object({ channels: z.array(channel).max(5).default([]), email: z.email().nullish() }).strict().default({ channels: [] }),
    defaults: z
      .object({ talent: z.array(channel).max(5).default(['email']), unit: z.array(channel).max(5).default([]) })
      .strict()
      .default({ talent: ['email'], unit: [] }),
    attempts: z.number().int().min(1).max(20).default(6),
    linkValidDays: z.number().int().min(1).max(90).default(14),
  })
  .strict()
  .superRefine((n, ctx) => {
    const known = new Set(Object.keys(n.robots));
    const check = (list: string[], path: string[]) =>
      list.forEach((c, i) => {
        if (c.startsWith('robot:') && !known.has(c.slice(6))) ctx.addIssue({ code: 'custom', path: [...path, i], message: `no robot "${c.slice(6)}" under notify.robots` });
      });
    check(n.commission.channels, ['commission', 'channels']);
    check(n.defaults.unit, ['defaults', 'unit']);
    check(n.defaults.talent, ['defaults', 'talent']);
  });
export type NotifySettings = z.infer<typeof NotifySchema>;

/**
 * `evaluation:` — outcome evaluation (src/evaluation). The seeds compare output before and after
 * (seed 000) but give no follow-up schedule, cell size or interval method: every number here is a
 * local default, and says so.
 */
export const EvaluationSchema = z
  .object({
    followUpMonths: z
      .array(z.number().int().min(1).max(120))
      .min(1)
      .max(6)
      .refine((a) => new Set(a).size === a.length, 'each month once')
      .default([6, 12, 24])
      .meta({ source: 'local default', labelZh: '回国后随访月数' }),
    minCellSize: z.number().int().min(1).max(100).default(5).meta({ source: 'local default', labelZh: '最小单元人数（少于此数的单元标注或隐藏）' }),
    bootstrapResamples: z.number().int().min(100).max(20000).default(2000).meta({ source: 'local default', labelZh: '自助法重抽样次数' }),
    bootstrapSeed: z.number().int().min(0).max(2 ** 31 - 1).default(15).meta({ source: 'local default', labelZh: '自助法随机种子' }),
    confidenceLevel: z.number().min(0.5).max(0.999).default(0.95).meta({ source: 'local default', labelZh: '置信水平' }),
  })
  .strict();
export type EvaluationSettings = z.infer<typeof EvaluationSchema>;

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
    notify: NotifySchema.prefault({}),
    evaluation: EvaluationSchema.prefault({}),
  })
  .strict();

export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const defaultTenantSettings = (): TenantSettings => TenantSettingsSchema.parse({});
