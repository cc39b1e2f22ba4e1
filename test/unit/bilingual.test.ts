import { describe, expect, it } from 'vitest';
import { bilingualParts, titleEnOf, titleZhOf } from '../../src/core/bilingual.js';

describe('a rule title given apart in Chinese and English', () => {
  it.each([
    ['研学总结报告 Study summary report', '研学总结报告', 'Study summary report'],
    ['定期汇报 第3期 Check-in 3 (2026-01-01 – 2026-01-31)', '定期汇报 第3期', 'Check-in 3 (2026-01-01 – 2026-01-31)'],
    ['回国（返岗）后6个月随访 Follow-up 6 months after return', '回国（返岗）后6个月随访', 'Follow-up 6 months after return'],
    ['代表团总结报告：赴梅奥诊所管理培训团 Delegation report: 赴梅奥诊所管理培训团', '代表团总结报告：赴梅奥诊所管理培训团', 'Delegation report: 赴梅奥诊所管理培训团'],
    ['Competency check at the end of the pairing / 结业能力考核', '结业能力考核', 'Competency check at the end of the pairing'],
    ['返岗确认（本地默认期限） / Return-to-work confirmation', '返岗确认（本地默认期限）', 'Return-to-work confirmation'],
  ])('%s', (title, zh, en) => {
    expect(bilingualParts(title)).toEqual({ zh, en });
    expect(titleZhOf(title)).toBe(zh);
    expect(titleEnOf(title)).toBe(en);
  });

  it('a title in one language stands in for the other', () => {
    expect(bilingualParts('Summary report')).toEqual({ zh: null, en: 'Summary report' });
    expect(titleZhOf('Summary report')).toBe('Summary report');
    expect(bilingualParts('总结报告')).toEqual({ zh: '总结报告', en: null });
    expect(titleEnOf('总结报告')).toBe('总结报告');
  });
});
