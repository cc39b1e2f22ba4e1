import { describe, expect, it } from 'vitest';
import { reminderPlan } from '../../src/jobs/reminder-plan.js';
import { reminderText } from '../../src/jobs/messages.js';
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
    const plan = reminderPlan(report, { beforeDays: [3], onDueDay: false, escalations: [{ afterDays: 2, to: 'commission' }], sendAtHour: 17, overdueCutoffDays: 30 }, new Date('2025-10-01T00:00:00Z'));
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
