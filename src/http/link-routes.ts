import type { IncomingMessage, ServerResponse } from 'node:http';
import { LockMode } from '@mikro-orm/postgresql';
import type { App } from '../app.js';
import { auditScope } from '../core/audit.js';
import { ErrorCode } from '../errors.js';
import { ActionLink, Contact } from '../notify/entities.js';
import { confirmReport, readLink, type LinkAction } from '../notify/links.js';
import { sendJson, type Route } from './tenant-request.js';

type LinkState = 'open' | 'confirmed' | 'used' | 'expired' | 'invalid';
const STATUS: Record<LinkState, number> = { open: 200, confirmed: 200, used: 409, expired: 410, invalid: 404 };
const CODE: Partial<Record<LinkState, ErrorCode>> = { used: ErrorCode.LINK_USED, expired: ErrorCode.LINK_EXPIRED, invalid: ErrorCode.LINK_INVALID };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function page(res: ServerResponse, state: LinkState, title: string, lines: string[], formAction?: string): void {
  const heading: Record<LinkState, string> = { open: title, confirmed: '已确认，谢谢', used: '此链接已使用过', expired: '此链接已过期', invalid: '链接无效' };
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(heading[state])}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6}button{font-size:1.1rem;padding:.6rem 2rem}</style></head>
<body><h1>${esc(heading[state])}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}${formAction ? `<form method="post" action="${esc(formAction)}"><button type="submit">确认</button></form>` : ''}</body></html>`;
  res.writeHead(STATUS[state], { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end(html);
}

/**
 * `GET /links/<token>` shows what a signed link would confirm (and changes nothing: mail scanners
 * open links); `POST /links/<token>` confirms it, once. A used link says when it was used, an
 * expired one that it expired, and neither changes anything. No login: the signed token is the
 * capability, for one purpose and one record. `Accept: application/json` gets the same as JSON.
 */
export function linkRoutes(app: App): Route {
  const actions = (plugins: readonly string[]) => new Map<string, LinkAction>([confirmReport, ...app.host.enabled({ plugins }).flatMap((p) => p.linkActions ?? [])].map((a) => [a.purpose, a]));

  async function handle(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    const json = /application\/json/.test(req.headers.accept ?? '');
    const answer = (state: LinkState, title: string, lines: string[], extra: Record<string, unknown> = {}) =>
      json ? sendJson(res, STATUS[state], { state, title, ...extra, ...(CODE[state] ? { code: CODE[state] } : {}) }) : page(res, state, title, lines, state === 'open' ? path : undefined);
    const ref = readLink(app.config.linkKey, token);
    const tenant = ref ? await app.tenancy.get(ref.tenant) : null;
    if (!ref || !tenant) return answer('invalid', '链接无效', ['这个链接无法识别，请核对邮件中的完整链接。']);
    const em = app.tenancy.em(tenant);
    const link = await em.findOne(ActionLink, ref.linkId, { filters: false });
    const action = link ? actions(tenant.plugins).get(link.purpose) : undefined;
    const what = link && action ? await action.describe(em, link) : null;
    if (!link || !action || !what) return answer('invalid', '链接无效', ['这个链接所指的记录已不存在。']);
    const now = app.clock.now();
    const state = (l: ActionLink): LinkState => (l.usedAt ? 'used' : l.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open');
    const says = (l: ActionLink): string[] =>
      l.usedAt ? [`已于 ${shanghai(l.usedAt)}（北京时间）确认，此链接不能再次使用，本次未作任何更改。`] : [`此链接已于 ${shanghai(l.expiresAt)}（北京时间）过期，本次未作任何更改；如仍需确认，请联系派出单位。`];
    if (req.method === 'GET') {
      const s = state(link);
      return answer(s, what.titleZh, s === 'open' ? [...what.lines, `链接有效期至 ${shanghai(link.expiresAt)}（北京时间），仅可使用一次。`] : [...what.lines, ...says(link)], { purpose: link.purpose, usedAt: link.usedAt ?? null, expiresAt: link.expiresAt });
    }
    // Confirm: under the row's lock, so two clicks at once confirm once.
    const outcome = await auditScope.run({ actor: { userId: `contact:${link.contact.id}`, roles: [] } }, () =>
      em.transactional(async (tx) => {
        const row = await tx.findOneOrFail(ActionLink, link.id, { filters: false, lockMode: LockMode.PESSIMISTIC_WRITE });
        const s = state(row);
        if (s !== 'open') return { state: s, row };
        const contact = await tx.findOneOrFail(Contact, row.contact.id, { filters: false });
        await action.perform(tx, row, contact);
        row.usedAt = now;
        return { state: 'confirmed' as const, row };
      }),
    );
    if (outcome.state === 'confirmed') return answer('confirmed', what.titleZh, [...what.lines, `已于 ${shanghai(now)}（北京时间）确认。`], { purpose: link.purpose, usedAt: now });
    return answer(outcome.state, what.titleZh, [...what.lines, ...says(outcome.row)], { purpose: link.purpose, usedAt: outcome.row.usedAt ?? null, expiresAt: outcome.row.expiresAt });
  }

  return async (req, res, url) => {
    const m = /^\/links\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'POST')) return false;
    await handle(req, res, m[1]!, url.pathname);
    return true;
  };
}
