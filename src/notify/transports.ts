import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TenantInfo } from '../plugin/contract.js';
import type { NotifySettings } from '../tenancy/settings.js';
import { robotMarkdown } from './texts.js';

/** One message for one channel, as the delivery row holds it. */
export interface Outbound {
  id: string;
  channel: string;
  target: string;
  titleZh: string;
  bodyZh: string;
}

/** A failure the sender may retry; its message never carries a secret (a robot URL holds its key). */
export class SendError extends Error {}

const secret = (name: string | null | undefined, what: string): string => {
  const v = name ? process.env[name] : undefined;
  if (!v) throw new SendError(`environment variable ${name ?? '(none)'} (${what}) is not set`);
  return v;
};

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), timestamp in ms, URL-encoded. */
export function dingtalkSign(secretValue: string, timestamp: number): string {
  return createHmac('sha256', secretValue).update(`${timestamp}\n${secretValue}`, 'utf8').digest('base64');
}

/**
 * Senders for the three channels. Email goes through the tenant's own SMTP server and sender
 * (nodemailer encodes the Chinese subject and body), with a Message-ID that is the delivery's,
 * so a repeat after a crash is recognisably the same message. Robots are the WeCom and DingTalk
 * group webhooks: a JSON POST whose answer carries `errcode` (0 = delivered), DingTalk's signed
 * with the robot's secret. All secrets come from the environment at send time.
 */
export class Transports {
  private readonly smtp = new Map<string, Transporter>();

  constructor(private readonly fetchImpl: typeof fetch = fetch) {}

  async send(tenant: TenantInfo, m: Outbound): Promise<void> {
    const settings = tenant.settings.notify;
    if (m.channel === 'email') return this.email(tenant, settings, m);
    const robot = settings.robots[m.target];
    if (!robot) throw new SendError(`no robot "${m.target}" in the tenant file any more`);
    const url = secret(robot.urlEnv, `the webhook URL of robot ${m.target}`);
    if (robot.kind === 'wecom') return this.post('WeCom', url, { msgtype: 'markdown', markdown: { content: robotMarkdown(m.titleZh, m.bodyZh) } });
    const timestamp = Date.now();
    const sign = encodeURIComponent(dingtalkSign(secret(robot.secretEnv, `the signing secret of robot ${m.target}`), timestamp));
    return this.post('DingTalk', `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`, { msgtype: 'markdown', markdown: { title: m.titleZh, text: robotMarkdown(m.titleZh, m.bodyZh) } });
  }

  private async email(tenant: TenantInfo, settings: NotifySettings, m: Outbound): Promise<void> {
    const cfg = settings.email;
    if (!cfg) throw new SendError('the tenant file has no notify.email any more');
    const key = `${tenant.key}:${JSON.stringify(cfg)}`;
    let transport = this.smtp.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        host: cfg.host,
        port: cfg.port,
        secure: cfg.tls === 'implicit',
        requireTLS: cfg.tls === 'starttls',
        ignoreTLS: cfg.tls === 'none',
        auth: cfg.user ? { user: cfg.user, pass: secret(cfg.passwordEnv, 'the SMTP password') } : undefined,
        connectionTimeout: 10_000,
        socketTimeout: 30_000,
      });
      this.smtp.set(key, transport);
    }
    try {
      await transport.sendMail({
        from: cfg.from,
        to: m.target,
        subject: m.titleZh,
        text: m.bodyZh,
        messageId: `<${m.id}@${tenant.key}.talent-schemes>`,
        headers: { 'X-Talent-Schemes-Delivery': m.id },
      });
    } catch (e) {
      throw new SendError(`SMTP: ${(e as Error).message}`);
    }
  }

  private async post(what: string, url: string, body: unknown): Promise<void> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      // Not the URL: it carries the robot's key.
      throw new SendError(`${what} robot unreachable (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name})`);
    }
    const answer = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok || answer?.errcode !== 0) throw new SendError(`${what} robot answered HTTP ${res.status}, errcode ${answer?.errcode ?? '?'} ${answer?.errmsg ?? ''}`.trim());
  }

  close(): void {
    for (const t of this.smtp.values()) t.close();
    this.smtp.clear();
  }
}
