import { TalentPost } from '../../evaluation/domain.js';
import { BeforeCreate, BeforeUpdate, Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { EventArgs } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import { Degree, EnglishLevel, Field as ProfessionalField, Gender, Profession, TitleGrade } from '../domain.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { BaseEntity } from './base.js';
import { Institution } from './institution.js';
import { ROW_SCOPE, type RowScope } from './scope.js';
import { EncryptedString, blindIndex, keysOf } from '../../security/personal-data.js';

/**
 * A person. Age is never stored: it is computed on a reference date (`Talent.age(on:)`).
 * `idCardNumber` and `phone` are personal data: GraphQL exposes them only to the talent, their
 * unit and the commission (see TalentResolver), and logs redact them. Both are encrypted at rest
 * (EncryptedString); the ID number also has a blind index, unique per tenant, to find a talent by it.
 */
@ObjectType({ description: 'A doctor, nurse, pharmacist, technician or manager' })
@Entity({ schema: '*', tableName: 'talent' })
@Filter({
  name: ROW_SCOPE,
  default: true,
  cond: (args: RowScope) => (args?.talentId ? { id: args.talentId } : args?.unitId ? { unit: args.unitId } : {}),
})
export class Talent extends BaseEntity {
  @Field(() => String, { description: 'The talent’s name as registered (姓名)' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Gender, { description: 'Gender (性别)' })
  @Enum({ items: () => Gender })
  gender!: Gender;

  @Field(() => CalendarDateScalar, { description: 'Date of birth (Asia/Shanghai calendar day); `age` derives from it' })
  @Property({ type: 'date' })
  birthDate!: CalendarDate;

  @Index()
  @ManyToOne(() => Institution, { deleteRule: 'restrict' })
  unit!: Institution;

  @Field(() => String, { description: 'Department in the unit (科室), as entered', nullable: true })
  @Property({ type: 'string', nullable: true })
  department?: string | null;

  @Field(() => ProfessionalField, { description: 'Professional field (专业领域): western medicine, TCM, nursing…' })
  @Enum({ items: () => ProfessionalField })
  field!: ProfessionalField;

  @Field(() => Profession, { description: 'Profession (doctor, nurse, pharmacist…)' })
  @Enum({ items: () => Profession })
  profession!: Profession;

  @Field(() => TitleGrade, { description: 'Professional title grade (职称): none, junior, intermediate, associate senior, senior' })
  @Enum({ items: () => TitleGrade })
  titleGrade!: TitleGrade;

  @Field(() => Degree, { description: 'Highest degree (最高学历)' })
  @Enum({ items: () => Degree })
  highestDegree!: Degree;

  @Field(() => [String], { description: 'Talent-programme memberships (codes such as national_talent, wenzhou_e_class, rising_star)' })
  @Property({ type: 'text[]' })
  talentProgrammes: string[] = [];

  @Field(() => TalentPost, { nullable: true, description: 'Post in the unit (staff, backbone, deputy head, head, hospital leader): the "role" an evaluation records' })
  @Enum({ items: () => TalentPost, nullable: true })
  post?: TalentPost | null;

  @Field(() => Int, { description: 'Months of administrative (management) experience' })
  @Property({ type: 'integer', default: 0 })
  adminExperienceMonths: number = 0;

  @Field(() => EnglishLevel, { description: 'English ability as the talent declares it' })
  @Enum({ items: () => EnglishLevel })
  englishSelfDeclared: EnglishLevel = EnglishLevel.NONE;

  @Field(() => EnglishLevel, { nullable: true, description: 'English ability as assessed by experts (null until assessed)' })
  @Enum({ items: () => EnglishLevel, nullable: true })
  englishAssessed?: EnglishLevel | null;

  @Field(() => Boolean, { description: 'Has a recorded adverse medical incident with primary responsibility' })
  @Property({ type: 'boolean', default: false })
  adverseIncidentPrimaryResponsibility: boolean = false;

  /** Personal data, encrypted at rest. */
  @Property({ type: EncryptedString, nullable: true })
  idCardNumber?: string | null;

  /** HMAC of the ID number: find a talent by it, and one talent per ID number in a tenant. */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  idCardIndex?: string | null;

  /** Personal data, encrypted at rest. */
  @Property({ type: EncryptedString, nullable: true })
  phone?: string | null;

  @Field(() => String, { description: 'Email address, as entered (reminders may use it)', nullable: true })
  @Property({ type: 'string', nullable: true })
  email?: string | null;

  @BeforeCreate()
  @BeforeUpdate()
  indexPersonalData(args: EventArgs<Talent>): void {
    this.idCardIndex = this.idCardNumber ? blindIndex(keysOf(args.em.getPlatform()), this.idCardNumber) : null;
  }
}
