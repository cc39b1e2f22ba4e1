import { BigIntType } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../core/entities/base.js';
import { Institution } from '../core/entities/institution.js';
import { ROW_SCOPE, type RowScope } from '../core/entities/scope.js';
import { Talent } from '../core/entities/talent.js';
import { Filter } from '@mikro-orm/decorators/legacy';

export enum ImportState {
  /** The dry run found no problem: it may be committed. */
  CHECKED = 'checked',
  /** The dry run (or a commit) found problems: fix the file and upload it again. */
  REJECTED = 'rejected',
  /** Written, all rows at once. The same file (checksum) for the same importer and parameters changes nothing again. */
  COMMITTED = 'committed',
}

/**
 * One uploaded import file and what became of it. The file's SHA-256 with the importer and its
 * parameters (`scopeKey`) is unique among committed batches, so a file is imported once however
 * often it is sent. A unit's coordinators see their unit's batches only, a talent their own.
 */
@Entity({ schema: '*', tableName: 'import_batch' })
@Index({ properties: ['scopeKey', 'sha256'] })
@Filter({ name: ROW_SCOPE, default: true, cond: (args: RowScope) => (args?.talentId ? { talent: args.talentId } : args?.unitId ? { unit: args.unitId } : {}) })
export class ImportBatch extends BaseEntity {
  @Property({ type: 'string' })
  importer!: string;

  @Property({ type: 'json' })
  params!: Record<string, unknown>;

  /** importer + its parameters, canonical: what makes two uploads "the same import". */
  @Property({ type: 'text' })
  scopeKey!: string;

  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'restrict' })
  unit?: Institution | null;

  /** Set when a talent imported (an apprentice's own case log): they see their own batches. */
  @ManyToOne(() => Talent, { nullable: true, deleteRule: 'restrict' })
  talent?: Talent | null;

  @Property({ type: 'string' })
  filename!: string;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: new BigIntType('number') })
  size!: number;

  @Property({ type: 'string' })
  storageKey!: string;

  @Enum({ items: () => ImportState })
  state!: ImportState;

  @Property({ type: 'integer' })
  rows: number & Opt = 0;

  @Property({ type: 'integer' })
  created: number & Opt = 0;

  @Property({ type: 'integer' })
  unchanged: number & Opt = 0;

  @Property({ type: 'integer' })
  problemCount: number & Opt = 0;

  /** The first problems (at most 500; the answer to the request lists them all). */
  @Property({ type: 'json', nullable: true })
  problems?: unknown[] | null;

  @Property({ type: 'string' })
  createdBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  committedAt?: Date | null;
}
