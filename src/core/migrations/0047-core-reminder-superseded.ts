import { Migration } from '@mikro-orm/migrations';

/**
 * A reminder can be `superseded` (src/jobs/delivery-batch.ts): it fell due together with a later
 * stage for the same report and audience, after the workers were down past both instants, and
 * only the later one is sent.
 */
export class CoreReminderSuperseded extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "reminder" drop constraint "reminder_state_check";`);
    this.addSql(`alter table "reminder" add constraint "reminder_state_check" check ("state" in ('pending', 'sent', 'cancelled', 'suppressed', 'digest', 'superseded'));`);
  }
}
