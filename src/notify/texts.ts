import type { CalendarDate } from '../calendar.js';
import { titleZhOf } from '../core/bilingual.js';

/** What a person without an account reads: whose report, when due, and the one thing the link does. */
export function confirmRequestText(input: { contactName: string; talentName: string; reportTitle: string; dueOn: CalendarDate; link: string; validUntil: string }) {
  const { contactName, talentName, dueOn, link, validUntil } = input;
  const reportTitle = titleZhOf(input.reportTitle);
  return {
    titleZh: `请确认：${talentName}的《${reportTitle}》`,
    bodyZh:
      `${contactName}您好：\n\n${talentName}的《${reportTitle}》应于${dueOn}提交。作为其带教/接收方联系人，请在核实后点击下面的链接确认。` +
      `该链接仅用于这一项确认，只能使用一次，有效期至${validUntil}（北京时间），无需登录。\n\n${link}\n\n如非本人或无需确认，请忽略本邮件。`,
  };
}

/** A message with its link, as a robot shows it (WeCom markdown, DingTalk markdown). */
export const robotMarkdown = (titleZh: string, bodyZh: string) => `### ${titleZh}\n\n${bodyZh.replace(/\n/g, '\n\n')}`;
