import { BigIntType } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../core/entities/base.js';
import { Institution } from '../core/entities/institution.js';
import { TalentOwned } from '../core/entities/scope.js';
import { Talent } from '../core/entities/talent.js';

/** What a file is for: the evidence an audit asks for. */
export enum FileKind {
  REPORT = 'report',
  CERTIFICATE = 'certificate',
  HOST_LETTER = 'host_letter',
  RECEIPT = 'receipt',
  EVIDENCE = 'evidence',
  OTHER = 'other',
}
registerEnumType(FileKind, { name: 'FileKind', description: 'Report, certificate, host letter, receipt (of a cost item), other evidence' });

/** Chinese labels, for the evidence pack's index and the exports. */
export const FILE_KIND_ZH: Record<FileKind, string> = {
  [FileKind.REPORT]: '报告',
  [FileKind.CERTIFICATE]: '证书',
  [FileKind.HOST_LETTER]: '接收函',
  [FileKind.RECEIPT]: '票据',
  [FileKind.EVIDENCE]: '佐证材料',
  [FileKind.OTHER]: '其他',
};

/**
 * An uploaded file, attached to one record (its owner: a report, a placement, a cost item, a
 * talent…). The row carries the owner's talent and unit, so the row scope that hides the owner
 * hides its files too. The bytes live in the file storage (src/files/storage.ts) under a key
 * that starts with the tenant; this row is the only way to them, and it lives in the tenant's
 * schema, so no tenant can name another's file.
 */
@ObjectType('Attachment', { description: 'A file attached to a record (report, evidence, certificate, host letter, receipt)' })
@Entity({ schema: '*', tableName: 'stored_file' })
@Index({ properties: ['ownerType', 'ownerId'] })
@TalentOwned()
export class StoredFile extends BaseEntity {
  @Field(() => String, { description: 'The owner record\'s type, e.g. Report, Placement, Talent, WenzhouCostItem' })
  @Property({ type: 'string' })
  ownerType!: string;

  @Field(() => String, { description: 'The owner record’s id' })
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Index()
  @ManyToOne(() => Talent, { deleteRule: 'restrict' })
  talent!: Talent;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => FileKind, { description: 'Report, certificate, host letter, receipt or other evidence' })
  @Enum({ items: () => FileKind })
  kind!: FileKind;

  @Field(() => String, { description: 'The name it was uploaded with' })
  @Property({ type: 'string' })
  filename!: string;

  @Field(() => String, { description: 'The media type found in the content (not the one claimed)' })
  @Property({ type: 'string' })
  contentType!: string;

  @Field(() => Float, { description: 'Bytes' })
  @Property({ type: new BigIntType('number') })
  size!: number;

  @Field(() => String, { description: 'SHA-256 of the content, hex' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** Where the storage keeps it (`<tenant>/<yyyy>/<id>`): not exposed. */
  @Property({ type: 'string' })
  storageKey!: string;

  @Field(() => String, { description: 'Who uploaded it (user id, the token subject)' })
  @Property({ type: 'string' })
  uploadedBy!: string;
}
