import type { EntityManager } from '@mikro-orm/postgresql';
import { Degree, EnglishLevel, Field, InstitutionKind, Profession, TitleGrade } from '../domain.js';
import { Institution } from '../entities/institution.js';
import { Talent } from '../entities/talent.js';

/**
 * What every demo seed did by hand: find an institution by its name or create it (so running the
 * seed again finds it), and create people with everything a demo does not care about defaulted.
 * For seeds only; requests go through `createInstitution` and `createTalent` with their checks.
 */
export type DemoInstitution = Partial<Omit<Institution, 'id' | 'version' | 'createdAt' | 'updatedAt'>> & { name: string };

/** An institution by name, or a new one: a verified Chinese hospital that neither sends nor hosts unless told. */
export async function demoInstitution(em: EntityManager, data: DemoInstitution): Promise<Institution> {
  return (
    (await em.findOne(Institution, { name: data.name })) ??
    em.create(Institution, { kind: InstitutionKind.HOSPITAL, dispatching: false, host: false, country: 'CN', qualificationVerified: true, ...data })
  );
}

export type DemoTalent = Partial<Omit<Talent, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'indexPersonalData'>> & Pick<Talent, 'name' | 'gender' | 'birthDate' | 'unit'>;

/** A person: a doctor in western medicine with an intermediate title and a master's degree unless told. Not flushed. */
export function demoTalent(em: EntityManager, data: DemoTalent): Talent {
  return em.create(Talent, {
    field: Field.WESTERN_MEDICINE,
    profession: Profession.DOCTOR,
    titleGrade: TitleGrade.INTERMEDIATE,
    highestDegree: Degree.MASTER,
    englishSelfDeclared: EnglishLevel.NONE,
    talentProgrammes: [],
    adminExperienceMonths: 0,
    adverseIncidentPrimaryResponsibility: false,
    ...data,
  });
}
