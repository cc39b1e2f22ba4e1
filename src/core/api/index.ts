import type { GraphQLSchema } from 'graphql';
import { ApplicationResolver } from './application.resolver.js';
import { NodeResolver } from '../../graphql/node.js';
import { ConfigSchemaResolver } from './config-schema.resolver.js';
import { ErrorCodeResolver } from './error-code.resolver.js';
import { InboxResolver, ReportRemindersResolver } from './inbox.resolver.js';
import { InstitutionResolver } from './institution.resolver.js';
import { OutcomeCategoryResolver, OutcomeResolver } from './outcome.resolver.js';
import { PlacementResolver } from './placement.resolver.js';
import { ProgrammeResolver } from './programme.resolver.js';
import { TrainingGroupMemberRelations, TrainingGroupRelations, TrainingGroupResolver } from './group.resolver.js';
import { ResearchComparisonGroupType, ResearchOutputRelations, ResearchOutputResolver, ResearchTallyResolver, ResearchTallyType, TalentResearchFields } from './research.resolver.js';
import { ReportResolver } from './report.resolver.js';
import { TalentResolver } from './talent.resolver.js';
import { AuditEntryResolver, TenantResolver } from './tenant.resolver.js';
import { RegionResolver } from './region.resolver.js';
import { EvaluationResolver, EvaluationSnapshotMoneyResolver, EvaluationSnapshotRelations } from '../../evaluation/evaluation.resolver.js';
import { RegionOverviewResolver } from '../../evaluation/region.resolver.js';
import { HostEvaluationResolver } from '../../evaluation/hosts.resolver.js';
import { AttachmentResolver } from '../../files/attachment.resolver.js';
import { ConfirmationResolver, NotifyResolver, ReportConfirmationsResolver } from '../../notify/notify.resolver.js';

export const coreResolvers = [TenantResolver, AuditEntryResolver, ConfigSchemaResolver, ErrorCodeResolver, RegionResolver, InstitutionResolver, TalentResolver, ProgrammeResolver, ApplicationResolver, PlacementResolver, ReportResolver, OutcomeResolver, OutcomeCategoryResolver, ResearchOutputResolver, ResearchTallyResolver, ResearchOutputRelations, TalentResearchFields, TrainingGroupResolver, TrainingGroupRelations, TrainingGroupMemberRelations, InboxResolver, ReportRemindersResolver, AttachmentResolver, NotifyResolver, ReportConfirmationsResolver, ConfirmationResolver, NodeResolver, EvaluationResolver, EvaluationSnapshotRelations, EvaluationSnapshotMoneyResolver, RegionOverviewResolver, HostEvaluationResolver] as const;

/** Core types no core field returns but schemes' answers share: every schema has them, so a scheme may use them unprefixed. */
export const coreOrphanedTypes = [ResearchTallyType, ResearchComparisonGroupType];

/** The root types' descriptions (type-graphql builds Query and Mutation without one); in place, on a schema just built. */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query) query.description = 'What can be read: every list and record is row-scoped (a unit sees its own staff’s, a talent their own); lists are connections read page by page (读取)';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'What can be changed: each mutation takes one `input` and returns a …Payload whose `userErrors` say what the user can correct (nothing is written then); deprecated ones name their replacement (修改)';
  return schema;
}
