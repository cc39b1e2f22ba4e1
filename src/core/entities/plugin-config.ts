import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { CalendarDate } from '../../calendar.js';
import { BaseEntity } from './base.js';

/**
 * A version of one plugin's configuration for this tenant, effective from a calendar day.
 * A new year's cost shares are a new row from 1 January: last year's placements keep being
 * judged by last year's row.
 */
@Entity({ schema: '*', tableName: 'plugin_config' })
@Unique({ properties: ['plugin', 'revision'] })
@Index({ properties: ['plugin', 'effectiveFrom'] })
export class PluginConfigVersion extends BaseEntity {
  @Property({ type: 'string' })
  plugin!: string;

  /** 1, 2, 3… per plugin; rules record the revision they decided under. */
  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'date' })
  effectiveFrom!: CalendarDate;

  @Property({ type: 'json' })
  config!: Record<string, unknown>;

  @Property({ type: 'string' })
  createdBy!: string;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** "tenant-file" for the initial version, "api" for later ones. */
  @Property({ type: 'string' })
  source: string & Opt = 'api';
}
