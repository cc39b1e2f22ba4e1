import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../../calendar.js';
import { badInput, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { check } from '../../graphql/validation.js';
import { assertRecordWrite, assertUnitWrite } from '../api/access.js';
import { Placement } from '../entities/placement.js';
import { ResearchOutput } from '../entities/research-output.js';
import { Talent } from '../entities/talent.js';
import { AuthorRole, PaperIndex, PatentType, ResearchLevel, ResearchOutputKind } from '../research-domain.js';

/** What each kind of output must say, and nothing else: the detail of another kind is refused. */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const DETAILS = {
  paper: z.object({
    journal: text(255),
    indexing: z.array(z.enum(PaperIndex)).max(8).default([]),
    impactFactor: z.number().min(0, 'must not be negative').max(500).nullish(),
    authorRole: z.enum(AuthorRole),
  }),
  grant: z.object({
    funder: text(255),
    level: z.enum(ResearchLevel),
    // Whole fen; a national key project can pass 10^9 fen (ten million yuan).
    amountFen: z.number().int('must be whole fen').min(0, 'must not be negative').max(1e13),
  }),
  award: z.object({ awardingBody: text(255), level: z.enum(ResearchLevel), grade: z.string().trim().max(100).nullish() }),
  patent: z.object({ patentType: z.enum(PatentType), office: z.string().trim().max(255).nullish() }),
  technique: z.object({ department: text(255), level: z.enum(ResearchLevel).nullish() }),
} as const;
type DetailKey = keyof typeof DETAILS;
const DETAIL_OF: Record<ResearchOutputKind, DetailKey> = {
  [ResearchOutputKind.PAPER]: 'paper',
  [ResearchOutputKind.GRANT]: 'grant',
  [ResearchOutputKind.AWARD]: 'award',
  [ResearchOutputKind.PATENT]: 'patent',
  [ResearchOutputKind.CLINICAL_TECHNIQUE]: 'technique',
};

export interface ResearchOutputInput {
  talentId: string;
  placementId?: string | null;
  kind: ResearchOutputKind;
  title: string;
  achievedOn: CalendarDate;
  reference?: string | null;
  paper?: Record<string, unknown> | null;
  grant?: Record<string, unknown> | null;
  award?: Record<string, unknown> | null;
  patent?: Record<string, unknown> | null;
  technique?: Record<string, unknown> | null;
}

/** The columns an input stands for, after checking it (BAD_USER_INPUT naming each field at fault). */
export function researchColumns(input: ResearchOutputInput): Partial<ResearchOutput> {
  const problems: { field: string; message: string }[] = [];
  if (!input.title?.trim()) problems.push({ field: 'title', message: 'is required' });
  else if (input.title.length > 500) problems.push({ field: 'title', message: 'at most 500 characters' });
  if (!isCalendarDate(input.achievedOn)) problems.push({ field: 'achievedOn', message: 'must be a calendar day YYYY-MM-DD' });
  if (input.reference && input.reference.length > 255) problems.push({ field: 'reference', message: 'at most 255 characters' });
  const wanted = DETAIL_OF[input.kind];
  for (const key of Object.keys(DETAILS) as DetailKey[]) {
    if (key !== wanted && input[key] != null) problems.push({ field: key, message: `a ${input.kind.replace('_', ' ')} has no ${key} details; give ${wanted}` });
  }
  if (input[wanted] == null) problems.push({ field: wanted, message: `is required for a ${input.kind.replace('_', ' ')}` });
  if (problems.length) throw badInput(problems);
  const base = { kind: input.kind, title: input.title.trim(), achievedOn: input.achievedOn, reference: input.reference?.trim() || null };
  switch (wanted) {
    case 'paper': {
      const d = check(DETAILS.paper, input.paper, 'paper');
      return { ...base, journal: d.journal, indexing: [...new Set(d.indexing)], impactFactor: d.impactFactor ?? null, authorRole: d.authorRole };
    }
    case 'grant': {
      const d = check(DETAILS.grant, input.grant, 'grant');
      return { ...base, issuer: d.funder, level: d.level, amountFen: d.amountFen };
    }
    case 'award': {
      const d = check(DETAILS.award, input.award, 'award');
      return { ...base, issuer: d.awardingBody, level: d.level, grade: d.grade ?? null };
    }
    case 'patent': {
      const d = check(DETAILS.patent, input.patent, 'patent');
      return { ...base, patentType: d.patentType, issuer: d.office ?? null };
    }
    case 'technique': {
      const d = check(DETAILS.technique, input.technique, 'technique');
      return { ...base, department: d.department, level: d.level ?? null };
    }
  }
}

/**
 * Record a talent's research output. The talent, their unit's coordinator or the commission may;
 * a placement given as attribution must be the same talent's.
 */
export async function recordResearchOutput(ctx: RequestContext, input: ResearchOutputInput): Promise<ResearchOutput> {
  const columns = researchColumns(input);
  const talent = await ctx.em.findOne(Talent, input.talentId);
  if (!talent) throw notFound('Talent', input.talentId);
  assertRecordWrite(ctx.actor, { unit: talent.unit, talent }, { talent: true });
  let placement: Placement | null = null;
  if (input.placementId) {
    placement = await ctx.em.findOne(Placement, input.placementId);
    if (!placement) throw notFound('Placement', input.placementId);
    if (placement.talent.id !== talent.id) throw badInput({ field: 'placementId', message: 'belongs to another talent' });
  }
  const output = ctx.em.create(ResearchOutput, { ...columns, talent, unit: talent.unit, placement } as never);
  await ctx.commit();
  return output as ResearchOutput;
}

/** The unit or the commission checks an output (or takes the check back). */
export async function verifyResearchOutput(ctx: RequestContext, id: string, verified: boolean): Promise<ResearchOutput> {
  const output = await ctx.em.findOne(ResearchOutput, id);
  if (!output) throw notFound('ResearchOutput', id);
  assertUnitWrite(ctx.actor, output.unit.id);
  output.verified = verified;
  await ctx.commit();
  return output;
}
