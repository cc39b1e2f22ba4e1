import { daysBetween, type CalendarDate } from '../calendar.js';
import { titleEnOf, titleZhOf } from '../core/bilingual.js';

/** Reminder texts, in Chinese and English. */
export interface ReminderText {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

export function reminderText(input: { audience: string; stage: string; reportTitle: string; talentName: string; dueOn: CalendarDate; today: CalendarDate }): ReminderText {
  const { talentName: who, dueOn } = input;
  // Each language gets its half of the rule's title: no English title in a Chinese message.
  const rz = titleZhOf(input.reportTitle);
  const r = titleEnOf(input.reportTitle);
  const days = daysBetween(input.today, dueOn);
  if (input.stage === 'overdue') {
    const late = -days;
    return {
      titleZh: `逾期提醒：${who}的《${rz}》已逾期${late}天`,
      titleEn: `Overdue: ${who}'s "${r}" is ${late} day${late === 1 ? '' : 's'} late`,
      bodyZh: `${who}的《${rz}》应于${dueOn}提交，至今未交，已逾期${late}天。请督促提交。`,
      bodyEn: `${who}'s "${r}" was due on ${dueOn} and has not been submitted; it is ${late} day${late === 1 ? '' : 's'} overdue. Please follow up.`,
    };
  }
  if (input.audience === 'unit') {
    // A report the unit owes (an evaluation follow-up): say whose.
    const when = days <= 0 ? { zh: `今天（${dueOn}）到期`, en: `is due today (${dueOn})` } : { zh: `将于${dueOn}到期，还有${days}天`, en: `is due on ${dueOn}, in ${days} day${days === 1 ? '' : 's'}` };
    return {
      titleZh: `${days <= 0 ? '今日到期' : '到期提醒'}：${who}的《${rz}》`,
      titleEn: `${days <= 0 ? 'Due today' : 'Reminder'}: ${who}'s "${r}"`,
      bodyZh: `${who}的《${rz}》${when.zh}，由单位填报。`,
      bodyEn: `${who}'s "${r}" ${when.en}; the unit files it.`,
    };
  }
  if (days <= 0) {
    return {
      titleZh: `今日到期：《${rz}》`,
      titleEn: `Due today: "${r}"`,
      bodyZh: `您的《${rz}》今天（${dueOn}）到期，请按时提交。`,
      bodyEn: `Your "${r}" is due today (${dueOn}). Please submit it on time.`,
    };
  }
  return {
    titleZh: `到期提醒：《${rz}》还有${days}天到期`,
    titleEn: `Reminder: "${r}" is due in ${days} day${days === 1 ? '' : 's'}`,
    bodyZh: `您的《${rz}》将于${dueOn}到期，还有${days}天。`,
    bodyEn: `Your "${r}" is due on ${dueOn}, in ${days} day${days === 1 ? '' : 's'}.`,
  };
}

/** Lines a digest lists before it says how many more there are (a robot's message has a size limit). */
export const DIGEST_LINES = 30;

/**
 * One message listing reports that were long overdue when first planned: their talent, title,
 * due day and days late, oldest first, at most `DIGEST_LINES`, then how many more.
 */
export function digestText(input: { audience: string; cutoffDays: number; today: CalendarDate; items: { talentName: string; reportTitle: string; dueOn: CalendarDate }[] }): ReminderText {
  const items = [...input.items].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const n = items.length;
  const shown = items.slice(0, DIGEST_LINES);
  const rest = n - shown.length;
  const late = (d: CalendarDate) => daysBetween(d, input.today);
  const linesZh = shown.map((i) => `· ${i.talentName}《${titleZhOf(i.reportTitle)}》应于${i.dueOn}提交，已逾期${late(i.dueOn)}天`);
  const linesEn = shown.map((i) => `- ${i.talentName}: "${titleEnOf(i.reportTitle)}", due ${i.dueOn}, ${late(i.dueOn)} days late`);
  if (rest > 0) {
    linesZh.push(`……另有${rest}份，请在系统的报告列表中按“逾期”查看。`);
    linesEn.push(`… and ${rest} more: see the overdue reports in the system.`);
  }
  return {
    titleZh: `逾期汇总：${n}份报告逾期超过${input.cutoffDays}天`,
    titleEn: `Overdue digest: ${n} report${n === 1 ? '' : 's'} more than ${input.cutoffDays} days late`,
    bodyZh: `以下报告在录入系统时已逾期超过${input.cutoffDays}天，不再逐份提醒，汇总如下：\n${linesZh.join('\n')}`,
    bodyEn: `These reports were more than ${input.cutoffDays} days overdue when they were entered, so they are listed here once instead of one reminder each:\n${linesEn.join('\n')}`,
  };
}
