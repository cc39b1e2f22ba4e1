import { ReferenceKind, type EntityMetadata, type FilterQuery } from '@mikro-orm/core';
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';
import { convertedInNode } from './loaders.js';

/**
 * `orderBy` on lists, as GitHub's API has it: `orderBy: { field: <X>OrderField!, direction:
 * OrderDirection! }`, one input type per list (`OrderType`), one `OrderDirection`. Rows are sorted
 * by the field, then by id in the same direction (ids are unique, so every row has one place and
 * a cursor names it: its sort value and its id). Empty values (null) come last in both
 * directions, as a front end lists "not yet decided" after the decided ones. Without `orderBy` a
 * list keeps its order by id (creation order) and its cursors.
 */
export enum OrderDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way a list is sorted (升序 / 降序); ties are broken by id in the same direction',
  valuesConfig: {
    ASC: { description: 'Smallest first: A→Z, oldest day first (升序); empty values last' },
    DESC: { description: 'Largest first: Z→A, latest day first (降序); empty values last' },
  },
});

/** A list's sort order as a resolver receives it: an entity property and a direction. */
export interface ListOrder {
  field: string;
  direction: OrderDirection;
}

/** The fields every record can be sorted by (BaseEntity's timestamps). */
const RECORD_FIELDS = {
  CREATED_AT: { property: 'createdAt', description: 'When the record was created (创建时间)' },
  UPDATED_AT: { property: 'updatedAt', description: 'When the record last changed (最后修改时间)' },
};

/**
 * The `orderBy` input of one list: declares the enum `<name>Field` (the given fields, plus
 * CREATED_AT and UPDATED_AT) and the input type `<name>` `{ field, direction }`. Each field names
 * a persisted column of the list's entity (`property`); the resolver passes the argument to
 * `paginate`. `OrderType('PlacementOrder', { PLANNED_START: { property: 'plannedStart',
 * description: '…' } }, 'How to sort placements')`.
 */
export function OrderType(name: string, fields: Record<string, { property: string; description: string }>, description: string): ClassType<ListOrder> {
  const all = { ...fields, ...RECORD_FIELDS };
  const values = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.property]));
  registerEnumType(values, {
    name: `${name}Field`,
    description: `What ${name.replace(/Order$/, '')} rows can be sorted by (orderBy.field)`,
    valuesConfig: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, { description: v.description }])),
  });

  @InputType(name, { description })
  class Order implements ListOrder {
    @Field(() => values, { description: 'The field rows are sorted by; ties are broken by id' })
    field!: string;

    @Field(() => OrderDirection, { description: 'ASC smallest first, DESC largest first; empty values last either way' })
    direction!: OrderDirection;
  }
  return Order;
}

/** How a sort value is written in a cursor and read back. */
export type SortKind = 'text' | 'date' | 'timestamp' | 'int' | 'number' | 'boolean';

/** A list's order, checked against its entity: what paging, reading and cursors need. */
export interface SortPlan {
  /** `<Entity>.<property>.<asc|desc>`: a cursor carries it, so a cursor of another order or list is refused. */
  tag: string;
  property: string;
  column: string;
  direction: OrderDirection;
  kind: SortKind;
  nullable: boolean;
}

/** The sort plan of `order` on `meta`'s entity; a property that is not a plain persisted column is a programming error. */
export function sortPlanOf(meta: EntityMetadata, order: ListOrder): SortPlan {
  const prop = meta.properties[order.field as never] as EntityMetadata['props'][number] | undefined;
  if (!prop || prop.kind !== ReferenceKind.SCALAR || prop.persist === false || prop.fieldNames?.length !== 1 || convertedInNode(prop)) {
    throw new Error(`${meta.className}.${order.field} cannot be sorted on: not a plain column`);
  }
  const type = String(prop.columnTypes?.[0] ?? prop.type).toLowerCase();
  const kind: SortKind =
    type === 'date'
      ? 'date'
      : type.startsWith('timestamp')
        ? 'timestamp'
        : /^(int|int2|int4|integer|smallint)$/.test(type)
          ? 'int'
          : /^(int8|bigint|double|double precision|float|float4|float8|real|numeric|decimal)/.test(type)
            ? 'number'
            : type === 'boolean'
              ? 'boolean'
              : 'text';
  return { tag: `${meta.className}.${order.field}.${order.direction}`, property: order.field, column: prop.fieldNames[0]!, direction: order.direction === OrderDirection.DESC ? OrderDirection.DESC : OrderDirection.ASC, kind, nullable: !!prop.nullable };
}

/**
 * A row's sort value as cursor text: `-` for none, else `=` and the value (timestamps as ISO
 * instants to the millisecond: the API writes them from JavaScript Dates, so that is their
 * precision; a sortable column filled by PostgreSQL's now() would need truncating first).
 */
export function sortValueText(plan: SortPlan, value: unknown): string {
  if (value == null) return '-';
  if (value instanceof Date) return `=${plan.kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString()}`;
  return `=${String(value)}`;
}

/** The same text in PostgreSQL for column `col` (the SQL read path builds cursors itself). */
export function sortValueSql(plan: SortPlan, col: string): string {
  const text =
    plan.kind === 'date' ? `to_char(${col}, 'YYYY-MM-DD')` : plan.kind === 'timestamp' ? `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${col}::text`;
  return `coalesce('=' || ${text}, '-')`;
}

const VALUE_FORMS: Record<SortKind, RegExp> = {
  text: /^[\s\S]*$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  int: /^-?\d{1,18}$/,
  // As JavaScript and PostgreSQL (12+) both write a double: the shortest text that reads back exactly.
  number: /^-?\d+(\.\d+)?(e[-+]?\d+)?$/,
  boolean: /^(true|false)$/,
};

/** A cursor's sort value text back as a value to compare with (undefined when it is not one of ours). */
export function sortValueOf(plan: SortPlan, text: string): unknown {
  if (text === '-') return null;
  if (!text.startsWith('=')) return undefined;
  const v = text.slice(1);
  if (!VALUE_FORMS[plan.kind].test(v)) return undefined;
  if (plan.kind === 'int' || plan.kind === 'number') return Number(v);
  if (plan.kind === 'boolean') return v === 'true';
  if (plan.kind === 'timestamp') return Number.isNaN(Date.parse(v)) ? undefined : new Date(v);
  return v;
}

/**
 * The rows strictly after (`side: 'after'`) or before a cursor's position in the order — the
 * keyset condition. Sorted by (value, id) both in `direction`, empty values last:
 * after (v, c) = value beyond v, or value = v and id beyond c, or (v given) value empty;
 * after (empty, c) = value empty and id beyond c. Before is the mirror.
 */
export function sortBound<T>(plan: SortPlan, side: 'after' | 'before', value: unknown, id: string): FilterQuery<T> {
  const asc = plan.direction === OrderDirection.ASC;
  const beyond = (side === 'after') === asc ? '$gt' : '$lt';
  const p = plan.property;
  if (value === null) {
    if (side === 'after') return { [p]: null, id: { [beyond]: id } } as FilterQuery<T>;
    return { $or: [{ [p]: { $ne: null } }, { [p]: null, id: { [beyond]: id } }] } as FilterQuery<T>;
  }
  const branches: object[] = [{ [p]: { [beyond]: value } }, { [p]: value, id: { [beyond]: id } }];
  if (side === 'after' && plan.nullable) branches.push({ [p]: null });
  return { $or: branches } as FilterQuery<T>;
}

/** The row at exactly a cursor's position (for "is there anything on the other side", which counts it). */
export function sortAt<T>(plan: SortPlan, value: unknown, id: string): FilterQuery<T> {
  return { [plan.property]: value, id } as FilterQuery<T>;
}

type OrmOrder = 'asc' | 'desc' | 'asc nulls last' | 'asc nulls first' | 'desc nulls last' | 'desc nulls first';

/** The ORM `orderBy` of a page: forward in the list's order, backward (a `last` page read from its end) reversed. */
export function ormOrderOf(plan: SortPlan | null, backward: boolean): Record<string, OrmOrder>[] {
  const asc = (plan?.direction ?? OrderDirection.ASC) === OrderDirection.ASC;
  const up = asc !== backward;
  if (!plan) return [{ id: up ? 'asc' : 'desc' }];
  // Empty values are last in the list's order, so first when it is read from its end.
  return [{ [plan.property]: backward ? (up ? 'asc nulls first' : 'desc nulls first') : up ? 'asc nulls last' : 'desc nulls last' }, { id: up ? 'asc' : 'desc' }];
}

/** The same order as SQL on row alias `alias` (`reversed` reads it from its end). */
export function sqlOrderOf(plan: SortPlan | null, alias: string, quote: (name: string) => string, reversed = false): string {
  return ormOrderOf(plan, reversed)
    .map((o) => {
      const [property, dir] = Object.entries(o)[0]!;
      return `${alias}.${quote(property === 'id' ? 'id' : plan!.column)} ${dir}`;
    })
    .join(', ');
}
