export { BaseEntity } from './base.js';
export { Institution } from './institution.js';
export { Talent } from './talent.js';
export { Programme, ProgrammeTrack } from './programme.js';
export { Application, type EligibilityRecord } from './application.js';
export { Placement } from './placement.js';
export { Report } from './report.js';
export { Outcome } from './outcome.js';
export { EligibilityWaiver } from './waiver.js';
export { ResearchOutput } from './research-output.js';
export { AuditEntry } from './audit-entry.js';
export { PluginConfigVersion } from './plugin-config.js';
export { Reminder, InboxMessage, WebhookDelivery, Audience, ReminderStage, ReminderState, DeliveryState } from './reminder.js';
export { ROW_SCOPE, TalentOwned, type RowScope } from './scope.js';

import { Institution } from './institution.js';
import { Talent } from './talent.js';
import { Programme, ProgrammeTrack } from './programme.js';
import { Application } from './application.js';
import { Placement } from './placement.js';
import { Report } from './report.js';
import { Outcome } from './outcome.js';
import { EligibilityWaiver } from './waiver.js';
import { ResearchOutput } from './research-output.js';
import { AuditEntry } from './audit-entry.js';
import { PluginConfigVersion } from './plugin-config.js';
import { InboxMessage, Reminder, WebhookDelivery } from './reminder.js';

export const coreEntities = [Reminder, InboxMessage, WebhookDelivery, Institution, Talent, Programme, ProgrammeTrack, Application, EligibilityWaiver, Placement, Report, Outcome, ResearchOutput, AuditEntry, PluginConfigVersion];
