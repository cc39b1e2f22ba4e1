/**
 * The core's public surface: the one module a plugin imports. Everything a scheme needs —
 * the contract, core entities and enums, calendar helpers, errors, validation, pagination,
 * DataLoaders, the request context, and the core services a plugin's resolvers call — and
 * nothing of the platform's internals.
 */
export * from './plugin/contract.js';
export * from './core/domain.js';
export * from './core/research-domain.js';
export * from './core/research.js';
export * from './core/entities/index.js';
export * from './calendar.js';
export * from './errors.js';
export { Roles, hasRole, type Role, type Actor } from './auth/roles.js';
export type { RequestContext } from './graphql/context.js';
export { CalendarDateScalar, FenScalar } from './graphql/scalars.js';
export { CurrencyCode, Money, moneyOf } from './graphql/money.js';
export { ValidateWith, check, validateInput, inputSchemaOf } from './graphql/validation.js';
export { PayloadMutation, PayloadType, UserError, ErrorCodeEnum, replacedBy } from './graphql/payload.js';
export { ConnectionType, PageArgs, PageInfo, dayRange, paginate, type Connection } from './graphql/pagination.js';
export { Loaders, plainRowsTogether, type KeyedRead } from './graphql/loaders.js';
export { registerEnums } from './graphql/enums.js';
export { relationFields, type RelationSpec } from './graphql/relations.js';
export { sqlReads, type SqlConnection, type SqlRelation } from './graphql/sql-reads.js';
export { assertRecordWrite, assertUnitWrite, canReadPersonalData, WRITERS } from './core/api/access.js';
export { EligibilityType, EligibilityReasonType } from './core/api/application.resolver.js';
export { OutcomeCategoryType } from './core/api/outcome.resolver.js';
export { ResearchComparisonGroupType, ResearchTallyType } from './core/api/research.resolver.js';
export { submitApplication, decideApplication, judgeEligibility } from './core/services/applications.js';
export { createSchemeProgramme, schemeProgramme, type SchemeProgrammeInput } from './core/services/programmes.js';
export { createPlacement, createPlacementWith, updatePlacementDates, withdrawPlacement, syncReports, reconcileReports } from './core/services/placements.js';
export { submitReport, reviewReport, isOverdue } from './core/services/reports.js';
export { waiveCriterion, rejudgeApplication, withWaivers, waivedCodes } from './core/services/waivers.js';
export { schemeStepsOnly } from './core/services/scheme-steps.js';
export { recordOutcome, outcomeCategories, CORE_OUTCOME_CATEGORIES } from './core/services/outcomes.js';
export { recordResearchOutput, verifyResearchOutput, researchColumns, type ResearchOutputInput } from './core/services/research.js';
export { createGroup, addGroupMember, removeGroupMember, updateGroupDates, cancelGroup, syncGroupReports, type CreateGroupInput, type GroupDates } from './core/services/groups.js';
export { demoInstitution, demoTalent, type DemoInstitution, type DemoTalent } from './core/services/demo.js';
export { talentFacts, institutionFacts, programmeFacts, placementFacts, groupFacts } from './core/services/facts.js';
export type { NamedMigration } from './db/orm.js';
export { tableOf } from './db/tables.js';
export { EncryptedString } from './security/personal-data.js';
export type { Importer, ImportColumn, RowOutcome, Exporter, ExportBook, ExportColumn, ExportSheet, ExportCellType, Classification } from './excel/types.js';
export { labelOf } from './excel/labels.js';
export { findTalentByIdNumber } from './core/services/talents.js';
export { requestConfirmation, type ConfirmationRequest } from './notify/requests.js';
export type { LinkAction } from './notify/links.js';
export { ActionLink, Contact, ContactRole } from './notify/entities.js';
export { OrderByArg, OrderDirection, OrderType, type ListOrder } from './graphql/pagination.js';
