import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { AdminLevel, InstitutionKind } from '../domain.js';
import { BaseEntity } from './base.js';

/** A dispatching unit (hospital, CDC) or a host (Mayo Clinic, Ruijin Hospital, a university). */
@ObjectType({ description: 'A dispatching unit or a host institution' })
@Entity({ schema: '*', tableName: 'institution' })
export class Institution extends BaseEntity {
  @Field(() => String, { description: 'The registered name, in the language it is registered in (温州市人民医院, Mayo Clinic); `nameZh`/`nameEn` give it by language' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name in English, where it has one' })
  @Property({ type: 'string', nullable: true })
  nameEn?: string | null;

  @Field(() => InstitutionKind, { description: 'What the institution is (hospital, CDC, university…)' })
  @Enum({ items: () => InstitutionKind })
  kind!: InstitutionKind;

  @Field(() => Boolean, { description: 'Sends its staff to train (a dispatching unit)' })
  @Property({ type: 'boolean', default: false })
  dispatching: boolean = false;

  @Field(() => Boolean, { description: 'Receives trainees (a host)' })
  @Property({ type: 'boolean', default: false })
  host: boolean = false;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code' })
  @Index()
  @Property({ type: 'string', length: 2 })
  country!: string;

  @Field(() => String, { description: 'Province, as written (省); null abroad', nullable: true })
  @Property({ type: 'string', nullable: true })
  province?: string | null;

  @Field(() => String, { description: 'City, as written (市)', nullable: true })
  @Property({ type: 'string', nullable: true })
  city?: string | null;

  @Field(() => AdminLevel, { nullable: true, description: 'Administrative level (province, city, county, …) for domestic institutions' })
  @Enum({ items: () => AdminLevel, nullable: true })
  adminLevel?: AdminLevel | null;

  @Field(() => String, { nullable: true, description: 'Key of the region (tenant) the institution belongs to, e.g. yuping inside guizhou' })
  @Property({ type: 'string', nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Grade, e.g. grade-3A' })
  @Property({ type: 'string', nullable: true })
  level?: string | null;

  @Field(() => Boolean, { description: "Whether the host's qualification has been verified" })
  @Property({ type: 'boolean', default: false })
  qualificationVerified: boolean = false;
}
