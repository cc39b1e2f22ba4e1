import { Migration } from '@mikro-orm/migrations';

/**
 * Outcomes are read by placement (a placement's `outcomes`, the commission dashboard's DataLoader):
 * without this index each such read scanned every outcome of the tenant (found by the benchmark,
 * docs/benchmarks.md).
 */
export class CoreOutcomePlacementIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "outcome_placement_id_index" on "outcome" ("placement_id");`);
  }
}
