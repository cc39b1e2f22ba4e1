import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TalentOwnedEntity, CalendarDateScalar, type CalendarDate } from '../../../src/index.js';

/** Whether a trainee is still serving in the county on a day ("stay, be used, not leave"). */
@ObjectType('CountyRetentionCheck', { description: 'Whether a trainee still serves in the county on a day' })
@Entity({ schema: '*', tableName: 'cp_retention' })
@Unique({ properties: ['talent', 'checkedOn'] })
export class CountyRetentionCheck extends TalentOwnedEntity {
  @Field(() => CalendarDateScalar, { description: 'Day of the check' })
  @Property({ type: 'date' })
  checkedOn!: CalendarDate;

  @Field(() => Boolean, { description: 'Still serving in the county on that day (留得住)' })
  @Property({ type: 'boolean' })
  stillServing!: boolean;

  @Field(() => String, { nullable: true, description: 'Where they went, if they left' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
