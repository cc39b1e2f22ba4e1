/**
 * A scheme's rule titles a report in both languages in one string: "中文 English" (研学总结报告
 * Study summary report) or "English / 中文". Reports keep that one column; the API and every
 * message give the two apart (issue 17: Chinese and English as a pair; messages to Chinese
 * audiences carry no English title). A title in one language only is that language's, and stands
 * in for the other, so neither half is ever empty.
 */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
/** Chinese (with its punctuation and digits) up to the first space that a Latin letter follows. */
const ZH_THEN_EN = /^(.*?[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][^A-Za-z]*?)\s+([A-Za-z].*)$/s;

export function bilingualParts(text: string): { zh: string | null; en: string | null } {
  const t = text.trim();
  const halves = t.split(' / ');
  if (halves.length === 2) {
    const [a, b] = halves as [string, string];
    if (CJK.test(b) && !CJK.test(a)) return { zh: b.trim(), en: a.trim() };
    if (CJK.test(a) && !CJK.test(b)) return { zh: a.trim(), en: b.trim() };
  }
  if (!CJK.test(t)) return { zh: null, en: t };
  const m = ZH_THEN_EN.exec(t);
  return m ? { zh: m[1]!.trim(), en: m[2]!.trim() } : { zh: t, en: null };
}

/** The Chinese half of a rule's title (the whole title when it has none). */
export const titleZhOf = (title: string): string => bilingualParts(title).zh ?? title.trim();
/** The English half of a rule's title (the whole title when it has none). */
export const titleEnOf = (title: string): string => bilingualParts(title).en ?? title.trim();
