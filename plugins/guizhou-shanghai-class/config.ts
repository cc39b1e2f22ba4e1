import { z } from 'zod';
import { AdminLevel, Profession, TitleGrade } from '../../src/index.js';

/**
 * The tenant configuration of the scheme (`tenants/guizhou.yaml`, `plugins.guizhou-shanghai-class.config`).
 * Parsing `{}` gives the Ruijin agreement's terms.
 */
export const GuizhouConfig = z.object({
  /** Allowed training terms in months (the agreement: 3, 6 or 12). */
  termMonths: z.array(z.number().int().min(1).max(36)).min(1).default([3, 6, 12]),
  /** Administrative levels of the dispatching institutions that may send staff. */
  adminLevels: z.array(z.enum(AdminLevel)).min(1).default([AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY]),
  /** Professions that may enrol (medical, nursing, technical). */
  professions: z.array(z.enum(Profession)).min(1).default([Profession.DOCTOR, Profession.NURSE, Profession.TECHNICIAN]),
  /** Lowest professional title (the agreement: intermediate). */
  minTitle: z.enum(TitleGrade).default(TitleGrade.INTERMEDIATE),
  /** Days after the end of the term by which the return to work must be confirmed. */
  returnConfirmationDays: z.number().int().min(1).max(365).default(30),
  /** How many quarterly cascade-training reports a returnee owes after the return. */
  cascadeReportQuarters: z.number().int().min(0).max(40).default(8),
});
export type GuizhouConfig = z.infer<typeof GuizhouConfig>;
