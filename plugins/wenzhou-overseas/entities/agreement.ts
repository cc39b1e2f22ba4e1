import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { CalendarDateScalar, TalentOwnedEntity, type CalendarDate } from '../../../src/index.js';
import { WenzhouGuaranteeMissed, WenzhouIncidentKind, WenzhouIncidentSeverity } from './enums.js';
import { WenzhouStay } from './stay.js';

/**
 * 协议: what the unit and the talent agreed for one stay — the plan's guarantees (五(三) 保留职务职称,
 * 基础工资全额发放, 奖励性绩效不低于科室平均), the study tasks, returning on time, and the service
 * period after return. Its clauses (rules/agreement.ts) are what a clawback points at.
 */
@ObjectType('WenzhouAgreement', { description: 'The agreement (协议) behind a stay: guarantees, tasks, service period' })
@Entity({ schema: '*', tableName: 'wz_agreement' })
export class WenzhouAgreement extends TalentOwnedEntity {
  @Unique()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The day the unit and the talent signed the agreement; not in the future' }) @Property({ type: 'date' }) signedOn!: CalendarDate;
  @Field(() => [String], { description: '研学任务: the agreed study tasks, clauses T1, T2, …' }) @Property({ type: 'text[]' }) tasks!: string[];
  @Field(() => Int, { description: '服务期: months of service owed after return' }) @Property({ type: 'integer' }) servicePeriodMonths!: number;
  @Field(() => Boolean, { description: 'The service period was the configuration’s local default, not a figure the agreement gave' }) @Property({ type: 'boolean' }) servicePeriodDefaulted!: boolean;
  @Field(() => String, { nullable: true, description: 'Anything else the agreement says, as entered' }) @Property({ type: 'text', nullable: true }) note?: string | null;
  @Field(() => String, { description: 'The user id of who recorded it (as their token carries it)' }) @Property({ type: 'string' }) recordedBy!: string;
}

/**
 * 研学期间基础工资全额发放，奖励性绩效工资不低于所在科室（单位）平均水平: what the unit paid the talent
 * for a month of the stay, beside the department's average; paid salary can be clawed back.
 */
@ObjectType('WenzhouBenefitPayment', { description: 'Salary and incentive pay for a month of the stay (五(三) 待遇保障)' })
@Entity({ schema: '*', tableName: 'wz_benefit_payment' })
@Unique({ properties: ['stay', 'month'] })
export class WenzhouBenefitPayment extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => String, { description: 'YYYY-MM' }) @Property({ type: 'string' }) month!: string;
  @Field(() => Int, { description: '基础工资 paid, fen', deprecationReason: 'Use baseSalary, which carries its currency (baseSalary { fen amount currencyCode })' }) @Property({ type: 'integer' }) baseSalaryFen!: number;
  @Field(() => Int, { description: '应发基础工资, fen (全额发放: paid must equal it)', deprecationReason: 'Use baseSalaryDue, which carries its currency (baseSalaryDue { fen amount currencyCode })' }) @Property({ type: 'integer' }) baseSalaryDueFen!: number;
  @Field(() => Int, { description: '奖励性绩效工资, fen', deprecationReason: 'Use performancePay, which carries its currency (performancePay { fen amount currencyCode })' }) @Property({ type: 'integer' }) performancePayFen!: number;
  @Field(() => Int, { description: '所在科室（单位）奖励性绩效平均水平, fen', deprecationReason: 'Use departmentAverage, which carries its currency (departmentAverage { fen amount currencyCode })' }) @Property({ type: 'integer' }) departmentAverageFen!: number;
  @Field(() => [WenzhouGuaranteeMissed], { description: 'Guarantees this month did not meet (五(三)): BASE_SALARY_NOT_IN_FULL (G2), PERFORMANCE_BELOW_AVERAGE (G3); empty when the month met both' }) @Property({ type: 'text[]' }) guaranteesMissed: string[] & Opt = [];
  @Field(() => String, { description: 'The user id of who recorded it (as their token carries it)' }) @Property({ type: 'string' }) recordedBy!: string;
}

/** 强化安全及纪律监督: a safety or discipline matter during the stay, and what was done about it. */
@ObjectType('WenzhouIncident', { description: 'A safety or discipline incident during a stay (安全及纪律监督)' })
@Entity({ schema: '*', tableName: 'wz_incident' })
export class WenzhouIncident extends TalentOwnedEntity {
  @Index()
  @ManyToOne(() => WenzhouStay, { deleteRule: 'cascade' })
  stay!: WenzhouStay;

  @Field(() => CalendarDateScalar, { description: 'The day it happened: a day of the stay' }) @Property({ type: 'date' }) occurredOn!: CalendarDate;
  @Field(() => WenzhouIncidentKind, { description: '安全 (safety) or 纪律 (discipline)' }) @Enum({ items: () => WenzhouIncidentKind }) kind!: WenzhouIncidentKind;
  @Field(() => WenzhouIncidentSeverity, { description: 'How grave: minor or serious' }) @Enum({ items: () => WenzhouIncidentSeverity }) severity!: WenzhouIncidentSeverity;
  @Field(() => String, { description: 'What happened, as reported' }) @Property({ type: 'text' }) description!: string;
  @Field(() => String, { nullable: true, description: 'What the liaison or the unit did' }) @Property({ type: 'text', nullable: true }) actionTaken?: string | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'The day it was resolved; null while it is not' }) @Property({ type: 'date', nullable: true }) resolvedOn?: CalendarDate | null;
  @Field(() => String, { description: 'The user id of who recorded it (as their token carries it)' }) @Property({ type: 'string' }) reportedBy!: string;
}
