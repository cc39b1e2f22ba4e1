import { describe, expect, it } from 'vitest';
import { reminderPlan } from '../../src/jobs/reminder-plan.js';
import { DIGEST_LINES, digestText, reminderText } from '../../src/jobs/messages.js';
import { quietState } from '../../src/jobs/reminders.js';
import { ReminderState } from '../../src/core/entities/reminder.js';
import { defaultTenantSettings } from '../../src/tenancy/settings.js';

const settings = defaultTenantSettings().reminders;
const report = { id: 'r1', dueOn: '2025-11-30', owed: true };

describe('reminderPlan', () => {
  it('plans 14, 7 and 1 days before, the day itself, and escalations, at 09:00 in Shanghai', () => {
    const plan = reminderPlan(report, settings, new Date('2025-10-01T00:00:00Z'));
    expect(plan.map((p) => [p.key, p.fireAt.toISOString()])).toEqual([
      ['r1.talent.-14', '2025-11-16T01:00:00.000Z'],
      ['r1.talent.-7', '2025-11-23T01:00:00.000Z'],
      ['r1.talent.-1', '2025-11-29T01:00:00.000Z'],
      ['r1.talent.0', '2025-11-30T01:00:00.000Z'],
      ['r1.unit.1', '2025-12-01T01:00:00.000Z'],
      ['r1.commission.7', '2025-12-07T01:00:00.000Z'],
    ]);
  });

  it('drops heads-ups whose moment has passed but keeps escalations that are due', () => {
    const plan = reminderPlan(report, settings, new Date('2025-12-02T00:00:00Z'));
    expect(plan.map((p) => p.key)).toEqual(['r1.unit.1', 'r1.commission.7']);
  });

  it('plans nothing for a report that is handed in', () => {
    expect(reminderPlan({ ...report, owed: false }, settings, new Date('2025-10-01T00:00:00Z'))).toEqual([]);
  });

  it('follows the tenant’s offsets and hour', () => {
    const plan = reminderPlan(report, { beforeDays: [3], onDueDay: false, escalations: [{ afterDays: 2, to: 'commission' }], sendAtHour: 17, overdueCutoffDays: 30, digestDelaySeconds: 600 }, new Date('2025-10-01T00:00:00Z'));
    expect(plan.map((p) => [p.key, p.fireAt.toISOString()])).toEqual([
      ['r1.talent.-3', '2025-11-27T09:00:00.000Z'],
      ['r1.commission.2', '2025-12-02T09:00:00.000Z'],
    ]);
  });
});

describe('reminder texts', () => {
  it('are written in Chinese and English', () => {
    const t = reminderText({ audience: 'talent', stage: 'before', reportTitle: 'Summary report', talentName: 'Li Wei', dueOn: '2025-11-30', today: '2025-11-23' });
    expect(t.titleEn).toBe('Reminder: "Summary report" is due in 7 days');
    expect(t.titleZh).toBe('到期提醒：《Summary report》还有7天到期');
    const late = reminderText({ audience: 'unit', stage: 'overdue', reportTitle: '研学总结报告', talentName: '李伟', dueOn: '2025-11-30', today: '2025-12-01' });
    expect(late.titleZh).toBe('逾期提醒：李伟的《研学总结报告》已逾期1天');
    expect(late.bodyEn).toContain('1 day overdue');
  });
});

describe('quietState: how a report is chased (issue 14, no reminder floods)', () => {
  const base = { owed: true, rows: [], historical: false, cutoffDays: 30 };
  it('one message each while within the cut-off; a digest past it, decided when first planned', () => {
    expect(quietState({ ...base, daysLate: -3 })).toBeNull();
    expect(quietState({ ...base, daysLate: 30 })).toBeNull();
    expect(quietState({ ...base, daysLate: 31 })).toBe(ReminderState.DIGEST);
    // Planned before (chased as usual), then late: it stays chased one message at a time.
    expect(quietState({ ...base, daysLate: 400, rows: [{ state: ReminderState.SENT, digest: null }] })).toBeNull();
    // Once in a digest, kept there while it is late; chased again if its due day moves ahead.
    expect(quietState({ ...base, daysLate: 5, rows: [{ state: ReminderState.SENT, digest: {} as never }] })).toBe(ReminderState.DIGEST);
    expect(quietState({ ...base, daysLate: -10, rows: [{ state: ReminderState.SENT, digest: {} as never }] })).toBeNull();
  });

  it('history sends nothing for what is already past due, however little, and chases what is not', () => {
    expect(quietState({ ...base, historical: true, daysLate: 1 })).toBe(ReminderState.SUPPRESSED);
    expect(quietState({ ...base, historical: true, daysLate: 0 })).toBeNull();
    expect(quietState({ ...base, daysLate: 2, rows: [{ state: ReminderState.SUPPRESSED, digest: null }] })).toBe(ReminderState.SUPPRESSED);
    expect(quietState({ ...base, owed: false, historical: true, daysLate: 100 })).toBeNull();
  });

  it('a digest lists the oldest first and says how many more there are beyond its lines', () => {
    const items = Array.from({ length: DIGEST_LINES + 2 }, (_, i) => ({ talentName: `学员${i}`, reportTitle: '总结报告', dueOn: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    const t = digestText({ audience: 'commission', cutoffDays: 30, today: '2026-11-29', items });
    expect(t.titleZh).toBe(`逾期汇总：${DIGEST_LINES + 2}份报告逾期超过30天`);
    expect(t.bodyZh.split('\n')[1]).toMatch(/^· 学员0《总结报告》应于2024-01-01提交，已逾期\d+天$/);
    expect(t.bodyZh).toContain('……另有2份');
  });
});
