import { Degree, EnglishLevel, Field, Gender, Profession, TitleGrade } from '../core/domain.js';

/**
 * The Chinese words name lists use for the core's codes (人事名册 wording). Imports read them (the
 * codes themselves are accepted too) and exports write them, so an exported roster imports again.
 */
export const GENDER_ZH: Record<string, string> = { 男: Gender.MALE, 女: Gender.FEMALE };
export const FIELD_ZH: Record<string, string> = {
  西医: Field.WESTERN_MEDICINE,
  中医: Field.TCM,
  护理: Field.NURSING,
  药学: Field.PHARMACY,
  医技: Field.MEDICAL_TECHNOLOGY,
  公共卫生: Field.PUBLIC_HEALTH,
  管理: Field.MANAGEMENT,
};
export const PROFESSION_ZH: Record<string, string> = {
  医师: Profession.DOCTOR,
  护士: Profession.NURSE,
  药师: Profession.PHARMACIST,
  技师: Profession.TECHNICIAN,
  管理人员: Profession.MANAGER,
  科研人员: Profession.RESEARCHER,
};
export const TITLE_ZH: Record<string, string> = {
  无: TitleGrade.NONE,
  初级: TitleGrade.JUNIOR,
  中级: TitleGrade.INTERMEDIATE,
  副高级: TitleGrade.ASSOCIATE_SENIOR,
  正高级: TitleGrade.SENIOR,
};
export const DEGREE_ZH: Record<string, string> = { 本科以下: Degree.BELOW_BACHELOR, 本科: Degree.BACHELOR, 硕士: Degree.MASTER, 博士: Degree.DOCTORATE };
export const ENGLISH_ZH: Record<string, string> = { 无: EnglishLevel.NONE, 基础: EnglishLevel.BASIC, 一般: EnglishLevel.WORKING, 良好: EnglishLevel.GOOD, 熟练: EnglishLevel.FLUENT };

/** The label of a code, for exports (the code itself when it has none). */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string | null {
  if (code == null) return null;
  return Object.entries(labels).find(([, v]) => v === code)?.[0] ?? code;
}
