import { createHmac, timingSafeEqual } from 'node:crypto';
import { titleZhOf } from '../core/bilingual.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';
import type { ActionLink, Contact } from './entities.js';

/**
 * Signed links for people without accounts. The token names the tenant and the link row and is
 * signed with LINK_SIGNING_KEY (HMAC-SHA256), so it cannot be made up or altered; the row says
 * what the link does (one purpose, one record), until when, and whether it was used. Opening it
 * (GET) only shows what it would confirm — mail scanners fetch links — and confirming is a POST.
 */
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signLink(key: string, tenant: string, linkId: string): string {
  const payload = b64(JSON.stringify({ t: tenant, l: linkId }));
  return `${payload}.${b64(createHmac('sha256', key).update(payload).digest())}`;
}

export function readLink(key: string, token: string): { tenant: string; linkId: string } | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return null;
  const want = createHmac('sha256', key).update(payload).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const { t, l } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: unknown; l: unknown };
    return typeof t === 'string' && typeof l === 'string' ? { tenant: t, linkId: l } : null;
  } catch {
    return null;
  }
}

/** What one purpose of link shows and does. Core and plugins contribute them (`linkActions`). */
export interface LinkAction {
  /** e.g. `report.confirm`; a plugin's start with its key. */
  purpose: string;
  /** The record it concerns, for the page: a title and a few lines, or null when it is gone. */
  describe(em: EntityManager, link: ActionLink): Promise<{ titleZh: string; lines: string[] } | null>;
  /** What confirming changes besides marking the link used (which records who confirmed when). */
  perform(em: EntityManager, link: ActionLink, contact: Contact): Promise<void>;
}

/** 确认报告: the host supervisor or mentor confirms the report the reminder was about. */
export const confirmReport: LinkAction = {
  purpose: 'report.confirm',
  async describe(em, link) {
    const report = await em.findOne(Report, link.subjectId, { filters: false });
    if (!report) return null;
    const talent = await em.findOneOrFail(Talent, report.talent.id, { filters: false });
    return { titleZh: `确认${talent.name}的《${titleZhOf(report.title)}》`, lines: [`人员：${talent.name}`, `报告：${titleZhOf(report.title)}`, `应交日期：${report.dueOn}`] };
  },
  async perform() {
    // The used link is the confirmation (Report.confirmations lists it); the report's own state is the talent's and the unit's.
  },
};
