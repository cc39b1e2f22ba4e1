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
const LOCAL = 'local default';
/** Where a setting comes from and its Chinese label (src/plugin/config-schema.ts). */
const meta = (labelZh: string, source: string = LOCAL) => ({ source, labelZh });
const TENANT_FILE = 'tenant file (no default: the deployment gives it)';

const NotifySchema = z
  .object({
    email: z
      .object({
        host: z.string().min(1).meta(meta('SMTP 服务器', TENANT_FILE)),
        port: z.number().int().min(1).max(65535).default(587).meta(meta('SMTP 端口', `${LOCAL}: 587, the submission port with STARTTLS`)),
        /** implicit (SMTPS, 465), starttls (587; required), none (only for a local relay or a test server). */
        tls: z.enum(['implicit', 'starttls', 'none']).default('starttls').meta(meta('加密方式')),
        user: z.string().nullish().meta(meta('SMTP 用户名', TENANT_FILE)),
        passwordEnv: envName.nullish().meta(meta('SMTP 密码所在环境变量', TENANT_FILE)),
        /** The tenant's own sender, e.g. '"温州市卫生健康委员会" <noreply@wzwjw.gov.cn>'. */
        from: z.string().min(3).meta(meta('发件人', TENANT_FILE)),
      })
      .strict()
      .nullish()
      .meta({ labelZh: '电子邮件' }),
    robots: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'robot names are lowercase letters, digits and -'),
        z
          .object({
            kind: z.enum(['wecom', 'dingtalk']).meta(meta('群机器人类型（企业微信/钉钉）', TENANT_FILE)),
            urlEnv: envName.meta(meta('机器人地址所在环境变量', TENANT_FILE)),
            secretEnv: envName.nullish().meta(meta('钉钉加签密钥所在环境变量', TENANT_FILE)),
          })
          .strict()
          .refine((r) => r.kind !== 'dingtalk' || !!r.secretEnv, { message: 'a DingTalk robot signs its messages: give secretEnv', path: ['secretEnv'] }),
      )
      .default({})
      .meta(meta('群机器人', `${LOCAL}: none`)),
    commission: z
      .object({
        channels: z.array(channel).max(5).default([]).meta(meta('卫健委接收渠道', `${LOCAL}: the in-app inbox only`)),
        email: z.email().nullish().meta(meta('卫健委邮箱', TENANT_FILE)),
      })
      .strict()
      .default({ channels: [] })
      .meta({ labelZh: '卫健委' }),
    defaults: z
      .object({
        talent: z.array(channel).max(5).default(['email']).meta(meta('人才默认渠道', `${LOCAL}: a talent with an email address gets email`)),
        unit: z.array(channel).max(5).default([]).meta(meta('单位默认渠道', `${LOCAL}: units choose their channels (the in-app inbox until they do)`)),
      })
      .strict()
      .default({ talent: ['email'], unit: [] })
      .meta({ labelZh: '默认渠道' }),
    attempts: z.number().int().min(1).max(20).default(6).meta(meta('发送尝试次数')),
    linkValidDays: z.number().int().min(1).max(90).default(14).meta(meta('确认链接有效天数')),
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
        beforeDays: z.array(z.number().int().min(1).max(365)).max(10).default(() => [14, 7, 1]).meta(meta('到期前提醒（天）')),
        onDueDay: z.boolean().default(true).meta(meta('到期当日提醒')),
        escalations: z
          .array(
            z
              .object({
                afterDays: z.number().int().min(1).max(365).meta(meta('逾期天数')),
                to: z.enum(['unit', 'commission']).meta(meta('督办对象（单位/卫健委）')),
              })
              .strict(),
          )
          .max(10)
          .default(() => [{ afterDays: 1, to: 'unit' as const }, { afterDays: 7, to: 'commission' as const }])
          .meta(meta('逾期督办')),
        /** Hour of the Shanghai day at which reminders go out. */
        sendAtHour: z.number().int().min(0).max(23).default(9).meta(meta('发送时刻（北京时间，时）')),
        /**
         * A report that is more than this many days past its due day when its reminders are first
         * planned (a stay entered late, reports written without reminders) is not chased one
         * message at a time: it is listed in one digest per recipient (src/jobs/digests.ts).
         */
        overdueCutoffDays: z
          .number()
          .int()
          .min(0)
          .max(3650)
          .default(30)
          .meta(meta('长期逾期界限（天）：超过则汇总提醒', `${LOCAL}: a month; no plan gives one`)),
        /**
         * A digest goes out once no long-overdue report has been entered for this long, so what is
         * entered in one sitting (a morning's data entry, a list) is one digest, not one per entry.
         */
        digestDelaySeconds: z.number().int().min(0).max(86_400).default(600).meta(meta('汇总提醒等待（秒）：录入停止后发送', `${LOCAL}: ten minutes`)),
      })
      .strict()
      .prefault({})
      .meta({ labelZh: '报告提醒' }),
    webhook: z
      .object({
        url: z.url('must be an http(s) URL').meta(meta('回调地址', TENANT_FILE)),
        /** Name of the environment variable holding the HMAC secret: secrets never live in git. */
        secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as WENZHOU_WEBHOOK_SECRET').meta(meta('签名密钥所在环境变量', TENANT_FILE)),
        attempts: z.number().int().min(1).max(20).default(6).meta(meta('回调尝试次数')),
      })
      .strict()
      .nullish()
      .meta({ labelZh: 'Webhook 回调' }),
    /**
     * A unit that registers an ID number another unit already has is told so (a person is
     * registered once per region), audited; after this many such refusals in 24 hours its
     * coordinators may not write ID numbers until the window passes, so the answer is no probe
     * of other units' staff (src/core/services/id-numbers.ts). Local default: 5.
     */
    idNumbers: z
      .object({ foreignRefusalsPerUnitPerDay: z.number().int().min(0).max(1000).default(5).meta(meta('每单位每日身份证号冲突次数上限')) })
      .strict()
      .default({ foreignRefusalsPerUnitPerDay: 5 })
      .meta({ labelZh: '身份证号' }),
    notify: NotifySchema.prefault({}).meta({ labelZh: '消息渠道' }),
    evaluation: EvaluationSchema.prefault({}).meta({ labelZh: '成效评估' }),
  })
  .strict();

export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export const defaultTenantSettings = (): TenantSettings => TenantSettingsSchema.parse({});
