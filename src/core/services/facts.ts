import type { EligibilityInput, GroupFacts, InstitutionFacts, PlacementFacts, ProgrammeFacts, TalentFacts } from '../../plugin/contract.js';
import type { Institution } from '../entities/institution.js';
import type { Placement } from '../entities/placement.js';
import type { TrainingGroup } from '../entities/group.js';
import type { Programme } from '../entities/programme.js';
import type { Talent } from '../entities/talent.js';

/** Entities → the plain facts rules see. Rules never get ORM entities, so they stay pure. */
export const talentFacts = (t: Talent): TalentFacts => ({
  id: t.id,
  name: t.name,
  gender: t.gender,
  birthDate: t.birthDate,
  unitId: t.unit.id,
  field: t.field,
  profession: t.profession,
  titleGrade: t.titleGrade,
  highestDegree: t.highestDegree,
  talentProgrammes: [...t.talentProgrammes],
  adminExperienceMonths: t.adminExperienceMonths,
  englishSelfDeclared: t.englishSelfDeclared,
  englishAssessed: t.englishAssessed ?? null,
  adverseIncidentPrimaryResponsibility: t.adverseIncidentPrimaryResponsibility,
});

export const institutionFacts = (i: Institution): InstitutionFacts => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  country: i.country,
  province: i.province ?? null,
  city: i.city ?? null,
  adminLevel: i.adminLevel ?? null,
  region: i.region ?? null,
  level: i.level ?? null,
  qualificationVerified: i.qualificationVerified,
});

export const programmeFacts = (p: Programme): ProgrammeFacts => ({
  id: p.id,
  scheme: p.scheme,
  code: p.code,
  year: p.year ?? null,
  referenceDate: p.referenceDate,
});

export const placementFacts = (p: Placement, programme: Programme, track: string | null): PlacementFacts => ({
  id: p.id,
  programme: programmeFacts(programme),
  track,
  talentId: p.talent.id,
  status: p.status,
  plannedStart: p.plannedStart,
  plannedEnd: p.plannedEnd,
  actualStart: p.actualStart ?? null,
  actualEnd: p.actualEnd ?? null,
});

export const groupFacts = (g: TrainingGroup, programme: Programme, members: number): GroupFacts => ({
  id: g.id,
  programme: programmeFacts(programme),
  code: g.code,
  name: g.name,
  status: g.status,
  plannedStart: g.plannedStart,
  plannedEnd: g.plannedEnd,
  actualStart: g.actualStart ?? null,
  actualEnd: g.actualEnd ?? null,
  leaderTalentId: g.leader?.id ?? null,
  members,
});

export type { EligibilityInput };
