import type { NamedMigration } from '../../db/orm.js';
import { CoreInit } from './0001-core-init.js';
import { CoreReminders } from './0002-core-reminders.js';
import { CorePersonalData } from './0003-core-personal-data.js';
import { CoreAuditChain } from './0004-core-audit-chain.js';
import { CoreOutcomePlacementIndex } from './0005-core-outcome-placement-index.js';
import { CoreEligibilityWaivers } from './0006-core-eligibility-waivers.js';
import { CoreResearchOutputs } from './0007-core-research-outputs.js';
import { CoreTrainingGroups } from './0008-core-training-groups.js';
import { CoreFiles } from './0010-core-files.js';
import { CoreImports } from './0011-core-imports.js';
import { CoreNotify } from './0012-core-notify.js';
import { CoreAuditLanes } from './0021-core-audit-lanes.js';
import { CoreEvaluation } from './0030-core-evaluation.js';
import { CoreHostRatings } from './0031-core-host-ratings.js';
import { CoreReminderDigests } from './0046-core-reminder-digests.js';
import { CoreReminderSuperseded } from './0047-core-reminder-superseded.js';

/** Core migrations, run in every tenant schema, in order. Names are namespaced `core.`. */
export const coreMigrations: NamedMigration[] = [
  { name: 'core.0001-init', class: CoreInit },
  { name: 'core.0002-reminders', class: CoreReminders },
  { name: 'core.0003-personal-data', class: CorePersonalData },
  { name: 'core.0004-audit-chain', class: CoreAuditChain },
  { name: 'core.0005-outcome-placement-index', class: CoreOutcomePlacementIndex },
  { name: 'core.0006-eligibility-waivers', class: CoreEligibilityWaivers },
  { name: 'core.0007-research-outputs', class: CoreResearchOutputs },
  { name: 'core.0008-training-groups', class: CoreTrainingGroups },
  { name: 'core.0010-files', class: CoreFiles },
  { name: 'core.0011-imports', class: CoreImports },
  { name: 'core.0012-notify', class: CoreNotify },
  { name: 'core.0021-audit-lanes', class: CoreAuditLanes },
  { name: 'core.0030-evaluation', class: CoreEvaluation },
  { name: 'core.0031-host-ratings', class: CoreHostRatings },
  { name: 'core.0046-reminder-digests', class: CoreReminderDigests },
  { name: 'core.0047-reminder-superseded', class: CoreReminderSuperseded },
];
