import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type UnitOfWork } from '@mikro-orm/core';
import { tenantTables } from '../db/tables.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarDate } from '../calendar.js';
import { auditScope } from '../core/audit.js';
import { ApplicationStatus } from '../core/domain.js';
import { COUNT_COLUMNS, countsLateral, pgArray, run } from './indicators.js';

/**
 * Baselines at the decision, for every scheme, in one core place: a flush subscriber on the core
 * `Application`. Whatever decides an application — the core's `decideApplication` (Guizhou,
 * Wenzhou's approval, the hospital channels), a scheme setting the status itself (the county's
 * pairing confirms and turns down in its own step), an import, a seed — the row's status reaches
 * the database through a flush, and this hook sees it there: when an application becomes
 * `selected` or `rejected`, its talent's indicators as they stand are recorded in the same
 * transaction (title, post, research output counts by kind; `evaluation_snapshot`, kind
 * baseline). A training group's member (a delegation, seed 002) has a placement without an
 * application: the placement's creation is its decision, recorded as selected.
 *
 * The snapshot is written by one `INSERT … SELECT` after the flush (in the flush's transaction),
 * whatever the number of decisions, and never twice (unique per programme, talent and kind). A
 * baseline is derived from an audited decision and is not audited itself.
 */
export class EvaluationSubscriber implements EventSubscriber {
  private pending = new WeakMap<UnitOfWork, { applications: string[]; placements: string[] }>();

  constructor(private readonly today: () => CalendarDate) {}

  async onFlush({ uow }: FlushEventArgs): Promise<void> {
    const applications: string[] = [];
    const placements: string[] = [];
    for (const cs of uow.getChangeSets()) {
      const name = cs.meta.className;
      if (name === 'Application') {
        const status = (cs.entity as { status?: string }).status;
        const decided = status === ApplicationStatus.SELECTED || status === ApplicationStatus.REJECTED;
        const changed = cs.type === ChangeSetType.CREATE || (cs.type === ChangeSetType.UPDATE && cs.payload && 'status' in cs.payload);
        if (decided && changed) applications.push((cs.entity as { id: string }).id);
      } else if (name === 'Placement' && cs.type === ChangeSetType.CREATE && !(cs.entity as { application?: unknown }).application) {
        placements.push((cs.entity as { id: string }).id);
      }
    }
    if (applications.length || placements.length) this.pending.set(uow, { applications, placements });
  }

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const pending = this.pending.get(uow);
    if (!pending) return;
    this.pending.delete(uow);
    const by = auditScope.getStore()?.actor.userId ?? 'system';
    await recordBaselines(em as EntityManager, pending, this.today(), by);
  }
}

/** Record the baselines of decided applications and application-less placements, in one statement each. */
export async function recordBaselines(em: EntityManager, ids: { applications: string[]; placements: string[] }, day: CalendarDate, by: string): Promise<void> {
  const q = tenantTables(em);
  const cols = COUNT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const vals = COUNT_COLUMNS.map((c) => `coalesce(c.${c}, 0)`).join(', ');
  const head = `insert into ${q('evaluation_snapshot')} ("id", "created_at", "updated_at", "talent_id", "unit_id", "programme_id", "application_id", "placement_id", "track", "kind", "months", "selected", "recorded_on", "title_grade", "post", ${cols}, "recorded_by")`;
  if (ids.applications.length) {
    await run(
      em,
      `${head} select gen_random_uuid(), now(), now(), a.talent_id, a.unit_id, a.programme_id, a.id, null, a.track, 'baseline', 0, a.status = 'selected', ?::date, t.title_grade, t.post, ${vals}, ?
       from ${q('application')} a join ${q('talent')} t on t.id = a.talent_id ${countsLateral(q, 'a.talent_id', '?::date')}
       where a.id = any(?::uuid[]) and a.status in ('selected', 'rejected') on conflict do nothing`,
      [day, by, day, pgArray(ids.applications)],
    );
  }
  if (ids.placements.length) {
    await run(
      em,
      `${head} select gen_random_uuid(), now(), now(), p.talent_id, p.unit_id, p.programme_id, null, p.id, null, 'baseline', 0, true, ?::date, t.title_grade, t.post, ${vals}, ?
       from ${q('placement')} p join ${q('talent')} t on t.id = p.talent_id ${countsLateral(q, 'p.talent_id', '?::date')}
       where p.id = any(?::uuid[]) and p.application_id is null on conflict do nothing`,
      [day, by, day, pgArray(ids.placements)],
    );
  }
}
