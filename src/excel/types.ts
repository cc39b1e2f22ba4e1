import type { ZodType } from 'zod';
import type { Role } from '../auth/roles.js';
import type { RequestContext } from '../graphql/context.js';

/**
 * The contract of `.xlsx` importers and exporters, core and plugin alike (a plugin lists its own
 * in `importers` / `exporters`). An importer maps Chinese column headers to the fields of an API
 * input and hands each row to the same validation and service the API uses; an exporter reads
 * through the GraphQL API itself, as the requester, and lays the answer out in sheets.
 */

/** How a cell is read. Problems name the sheet, row and column. */
export type ColumnType = 'text' | 'integer' | 'date' | 'boolean' | 'enum' | 'list';

export interface ImportColumn {
  /** The Chinese header, e.g. 姓名. */
  header: string;
  /** Other headers accepted for it (English, older templates). */
  aliases?: readonly string[];
  /** The input field the column fills: an API error naming this field points at this column. */
  field: string;
  type: ColumnType;
  required?: boolean;
  /** enum: label → value (身份证 forms use 男/女, the API MALE/FEMALE). The values themselves are accepted too. */
  values?: Readonly<Record<string, string>>;
  /** Shown in the template's instructions sheet. */
  note?: string;
}

/** What a row came to: created, or already there (found by its natural key) and left as it was. */
export type RowOutcome = 'created' | 'unchanged';

export interface Importer<P = any, S = any> {
  /** Unique, kebab-case: the URL segment (`POST /imports/<key>`). */
  key: string;
  title: string;
  titleZh: string;
  /** Who may import (the service checks each row's own rights as well). */
  roles: readonly Role[];
  /** The URL's query parameters (`?unitId=…`), checked before the file is read. */
  params: ZodType<P>;
  columns: readonly ImportColumn[];
  /** A row's natural key: two rows with one key in a file are refused as duplicates. */
  naturalKey?(values: Record<string, unknown>, params: P): string | null;
  /**
   * The input's own validation alone (no database), run also on a row whose cells could not all be
   * read, so that every bad cell of the row is named, not only the first kind of problem.
   */
  check?(values: Record<string, unknown>, params: P): void;
  /** Once per run, in the run's transaction, before the rows: check the parameters, load what rows share. */
  prepare?(ctx: RequestContext, params: P): Promise<S>;
  /**
   * One row, through the API's own input validation (`validateInput(values, SomeInput)`) and
   * service. Throw the API's errors (`badInput({ field, message })`…): fields map to columns.
   */
  apply(ctx: RequestContext, values: Record<string, unknown>, params: P, state: S): Promise<RowOutcome>;
  /** The unit the import concerns (coordinators see their unit's batches); default `params.unitId`. */
  unitOf?(params: P): string | null;
}

/** How a cell of an export is written. Money is integer fen in, yuan with two decimals out; percent is a fraction (0–1) in. */
export type ExportCellType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime' | 'money';

export interface ExportColumn {
  header: string;
  key: string;
  type?: ExportCellType;
  width?: number;
}

export interface ExportSheet {
  /** Add one row (keys as the columns'); written and released at once (streaming). */
  add(row: Record<string, unknown>): void;
  /** A line of text across the sheet (a title, a notice); only before the first row. */
  banner(text: string): void;
}

export interface ExportBook {
  sheet(name: string, columns: readonly ExportColumn[]): ExportSheet;
  /** Run a GraphQL query as the requester (same schema, roles and row scope as POST /graphql). */
  query<T = any>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** Every node of a connection, page by page (`$first`/`$after` in the document). */
  pages<T = any>(document: string, variables: Record<string, unknown>, connection: (data: any) => { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }): AsyncGenerator<T>;
}

/** A classification printed on the file: the scheme forbids publishing it outside. */
export interface Classification {
  /** Short mark for the file name and header, e.g. 内部资料. */
  mark: string;
  /** The sentence shown at the top of every sheet and in the document's properties. */
  notice: string;
}

export interface Exporter<P = any> {
  key: string;
  title: string;
  /** The file is named `<titleZh>-<date>.xlsx`. */
  titleZh: string;
  roles: readonly Role[];
  params: ZodType<P>;
  /** A mark the file must carry (the Wenzhou list is internal only), or null. */
  classification?(ctx: RequestContext, params: P): Promise<Classification | null>;
  write(book: ExportBook, params: P, ctx: RequestContext): Promise<void>;
}
