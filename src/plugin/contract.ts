import type { ZodType } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { CalendarDate } from '../calendar.js';
import type { Actor, Role } from '../auth/roles.js';
import type { NamedMigration } from '../db/orm.js';
import type { TenantSettings } from '../tenancy/settings.js';
import type { RequestContext } from '../graphql/context.js';
import type { Degree, EnglishLevel, Field, Gender, GroupStatus, Profession, TitleGrade, AdminLevel, InstitutionKind, PlacementStatus } from '../core/domain.js';
import type { Exporter, Importer } from '../excel/types.js';
import type { LinkAction } from '../notify/links.js';

/**
 * The plugin contract: everything a scheme contributes to the platform. A plugin is a folder
 * `plugins/<key>/` whose entry file exports `definePlugin({...})`; `plugins/index.ts` lists it.
 * Plugins import only `src/index.ts` (the core's public module), never each other.
 */

export interface TenantInfo {
  key: string;
  name: string;
  nameZh?: string | null;
  level: string;
  parent: string | null;
  /** This tenant and every region inside it (guizhou → [guizhou, tongren, yuping]). */
  regions: readonly string[];
  plugins: readonly string[];
  schema: string;
  /** The core's settings for this tenant (reminder offsets, webhook). */
  settings: TenantSettings;
}

export interface ConfigVersion<C> {
  config: C;
  revision: number;
  effectiveFrom: CalendarDate;
}

/** What every rule, resolver helper, job and seed gets: the tenant, its em, the plugin's config. */
export interface TenantContext<C = unknown> {
  tenant: TenantInfo;
  /** Forked to the tenant's schema; row-scoped to the actor for requests. */
  em: EntityManager;
  actor: Actor;
  /** The plugin's configuration effective today, and its revision. */
  config: C;
  configRevision: number;
  /** The configuration effective on another day (last year's call is judged by last year's rules). */
  configOn(date: CalendarDate): Promise<ConfigVersion<C>>;
  /** Today in Asia/Shanghai, from the platform clock (tests move it). */
  today(): CalendarDate;
  now(): Date;
  log: Logger;
}

/**
 * What a seed gets: the TenantContext, plus a system request context so demo data can go through
 * the core services (`submitApplication`, `createPlacement`…) exactly as requests do. The seed
 * runs in one transaction on that request context, whose em is also `em` here: services that
 * lock rows work, reminder jobs are enqueued after the commit, and a seed that throws writes nothing.
 */
export interface SeedContext<C = unknown> extends TenantContext<C> {
  request: RequestContext;
}

/** A rule descriptor, after Vendure's `{code, description, check}`: pure logic the core calls. */
export interface Rule<In, Out, C = unknown> {
  code: string;
  description: string;
  evaluate(input: In, ctx: TenantContext<C>): Out | Promise<Out>;
}

/** Plain facts about a talent, as rules see them (no ORM entities: rules stay pure). */
export interface TalentFacts {
  id: string;
  name: string;
  gender: Gender;
  birthDate: CalendarDate;
  unitId: string;
  field: Field;
  profession: Profession;
  titleGrade: TitleGrade;
  highestDegree: Degree;
  talentProgrammes: readonly string[];
  adminExperienceMonths: number;
  englishSelfDeclared: EnglishLevel;
  englishAssessed: EnglishLevel | null;
  adverseIncidentPrimaryResponsibility: boolean;
}
export interface InstitutionFacts {
  id: string;
  name: string;
  kind: InstitutionKind;
  country: string;
  province: string | null;
  city: string | null;
  adminLevel: AdminLevel | null;
  region: string | null;
  level: string | null;
  qualificationVerified: boolean;
}
export interface ProgrammeFacts {
  id: string;
  scheme: string;
  code: string;
  year: number | null;
  referenceDate: CalendarDate;
}

export interface EligibilityInput {
  talent: TalentFacts;
  unit: InstitutionFacts;
  programme: ProgrammeFacts;
  track: string | null;
  /** The day the criteria are judged on (the programme's reference date). */
  onDate: CalendarDate;
  tenant: TenantInfo;
}
export interface EligibilityReason {
  /** Machine-readable, stable: `AGE_OVER_CAP`, `TITLE_BELOW_INTERMEDIATE`, … */
  code: string;
  message: string;
  messageZh?: string;
  /** An "in principle" criterion a commission admin may waive with a recorded reason. */
  waivable?: boolean;
}
export interface EligibilityVerdict {
  eligible: boolean;
  /** Every failed criterion, not just the first. Empty when eligible. */
  reasons: EligibilityReason[];
  /** Priority groups matched: they rank, they do not gate. */
  priorityGroups: string[];
}

export interface PlacementFacts {
  id: string;
  programme: ProgrammeFacts;
  track: string | null;
  talentId: string;
  status: PlacementStatus;
  plannedStart: CalendarDate;
  plannedEnd: CalendarDate;
  actualStart: CalendarDate | null;
  actualEnd: CalendarDate | null;
}
/** A training group as rules see it (a delegation, a group study tour). */
export interface GroupFacts {
  id: string;
  programme: ProgrammeFacts;
  code: string;
  name: string;
  status: GroupStatus;
  plannedStart: CalendarDate;
  plannedEnd: CalendarDate;
  actualStart: CalendarDate | null;
  actualEnd: CalendarDate | null;
  /** Who writes the group's reports; a group without a leader owes none. */
  leaderTalentId: string | null;
  members: number;
}

export interface ReportDue {
  kind: string;
  /** Distinguishes repeated reports of one kind (quarterly report 1, 2, 3…). Default 1. */
  sequence?: number;
  title: string;
  dueOn: CalendarDate;
}
/** A criterion code a scheme's eligibility rule can fail with, with its labels (the `eligibilityCodes` query lists them). */
export interface EligibilityCodeLabel {
  /** The `code` of an EligibilityReason (`AGE_OVER_CAP`…). */
  code: string;
  labelZh: string;
  labelEn: string;
  /** An "in principle" criterion a commission may waive. */
  waivable?: boolean;
}

/** A kind of report a scheme's rules make due, with its labels (the `reportKinds` query lists them). */
export interface ReportKindLabel {
  /** The `kind` its rules give a ReportDue (`summary`, `check_in`…). */
  code: string;
  labelZh: string;
  labelEn: string;
}
export interface OutcomeCategory {
  code: string;
  label: string;
  labelZh?: string;
}

/** A change to a placement asked for through the core API (not through the scheme's own steps). */
export interface PlacementChangeInput {
  placement: PlacementFacts;
  change: 'dates' | 'withdraw';
  dates?: { plannedStart?: CalendarDate | null; plannedEnd?: CalendarDate | null; actualStart?: CalendarDate | null; actualEnd?: CalendarDate | null };
  actor: Actor;
}
export type PlacementChangeVerdict = { allowed: true } | { allowed: false; code: string; message: string };

export interface SchemeRules<C> {
  /** Who may apply to a programme (track) of this scheme, with every reason when not. */
  eligibility?: Rule<EligibilityInput, EligibilityVerdict, C>;
  /** The reports a placement owes and when; recomputed whenever the placement's dates change. */
  reportDueDates?: Rule<PlacementFacts, ReportDue[], C>;
  /**
   * May the core's generic `updatePlacementDates` / `withdrawPlacement` mutations change this
   * scheme's placement? A scheme with its own steps (an extension needs approval; a return is
   * recorded with its checks) refuses and names the step to use. Its own services are not asked.
   */
  placementChange?: Rule<PlacementChangeInput, PlacementChangeVerdict, C>;
  /**
   * The reports a training group owes as a group (one delegation report after return…), owed by
   * its leader; recomputed when the group's dates, status or leader change. Reminders follow.
   */
  groupReportDueDates?: Rule<GroupFacts, ReportDue[], C>;
  /** Outcome categories this scheme assesses (per track, where tracks differ). */
  outcomeCategories?: Rule<{ track: string | null }, OutcomeCategory[], C>;
}

/**
 * One aggregate figure a scheme reports to the regions above its tenant (a province reads its
 * hospitals' schemes this way): a number, never a row, an id, a name or personal data.
 */
export interface RegionFigure {
  /** Stable code: `stays_compared`, `plans_overdue`… */
  metric: string;
  /** The group it counts, when the figure is broken down (a channel code), else null. */
  group?: string | null;
  /** The group's label, public vocabulary of the scheme (a channel's name), never a person's. */
  label?: string | null;
  value: number;
  /**
   * How many people the figure is about (the trainees counted, the people promoted): a parent
   * region's view suppresses it when fewer than its minimum cell size (src/evaluation/region.ts).
   * Omitted: the figure is not about countable people (a host's visits) and is never suppressed.
   */
  people?: number;
  /** Whether the figure adds up across regions (counts do; rates and per-person means do not). Default true. */
  additive?: boolean;
}

export interface RegionFiguresDef<C> {
  description: string;
  /** Computed in the scheme's own tenant, whole-tenant, for a parent region's commission. */
  compute(ctx: TenantContext<C>): Promise<RegionFigure[]>;
}

export interface JobDef<C = unknown> {
  /** Unique within the plugin; the queue job name becomes `<plugin>.<name>`. */
  name: string;
  /** A repeating schedule per tenant (cron pattern, Asia/Shanghai unless given). */
  schedule?: { pattern: string; tz?: string };
  process(data: Record<string, unknown> & { tenant: string }, ctx: TenantContext<C>): Promise<unknown>;
}

/** A plugin record type `node(id:)` may return: its entity (any signed-in role), or with the roles its queries are for. */
export type NodeTypeDef = Function | { type: Function; roles: readonly Role[] };

export interface SchemePlugin<C = unknown> {
  /** kebab-case, unique: `wenzhou-overseas`. */
  key: string;
  name: string;
  description?: string;
  version: string;
  /** A semver range of the core this plugin works with; checked at boot. */
  coreCompatibility: string;
  /**
   * Prefix of every GraphQL type the plugin declares (`Wenzhou…`), so plugin sets can be
   * combined without clashes. Checked when a schema is built.
   */
  graphqlTypePrefix: string;
  /** The tenant configuration's schema; parsing `{}` must give the defaults. */
  config: ZodType<C>;
  entities?: Function[];
  /** Names must start with `<key>.`; run only in tenants that enable the plugin. */
  migrations?: NamedMigration[];
  resolvers?: Function[];
  /** GraphQL types not reachable from the resolvers' signatures. */
  orphanedTypes?: Function[];
  /**
   * Record types that implement `Node` where the plugin is enabled, so `node(id:)` and
   * `nodes(ids:)` find them. Opt in a type only when its own queries give any of its rows by id
   * to the same actors: a node is read through the request's row-scoped em as those queries read
   * it (another unit's row, like another tenant's, is null), and `roles` limits it as the
   * queries' `@Authorized` does. Each is one of `entities`, extends BaseEntity, and is its own
   * GraphQL type.
   */
  nodeTypes?: NodeTypeDef[];
  rules?: SchemeRules<C>;
  jobs?: JobDef<C>[];
  /** Aggregates the regions above a tenant read (`subRegionFigures`); numbers only. */
  regionFigures?: RegionFiguresDef<C>;
  /**
   * The report kinds this scheme's rules make due, with Chinese and English labels, for the
   * `reportKinds` query (a kind is fixed by the scheme's code, not by configuration).
   */
  reportKinds?: readonly ReportKindLabel[];
  /** The criterion codes this scheme's eligibility rule can fail with, labelled, for the `eligibilityCodes` query. */
  eligibilityCodes?: readonly EligibilityCodeLabel[];
  /**
   * `.xlsx` name-list imports (`POST /imports/<key>`): keys are `<plugin key>.<name>`. Each row
   * goes through the plugin's own input validation and service, as its mutation does.
   */
  importers?: Importer[];
  /** `.xlsx` exports (`GET /exports/<key>`), keys `<plugin key>.<name>`, read through the GraphQL API as the requester. */
  exporters?: Exporter[];
  /**
   * What signed links for people without accounts may confirm beyond the core's reports (a
   * check-in, an attendance): purposes `<plugin key>.<name>`, see src/notify/links.ts.
   */
  linkActions?: LinkAction[];
  /** Demo data for `npm start`; must be idempotent (run at every start). */
  seed?(ctx: SeedContext<C>): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySchemePlugin = SchemePlugin<any>;

/** Identity function that checks a plugin declaration against the contract. */
export function definePlugin<C>(plugin: SchemePlugin<C>): SchemePlugin<C> {
  return plugin;
}
