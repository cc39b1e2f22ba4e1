/**
 * Money that carries its currency (issue 17): each amount a Wenzhou record holds in fen is also
 * served as `Money { fen amount currencyCode }`, beside the deprecated bare-fen field it replaces.
 * The columns stay integer fen; these only wrap them.
 */
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Money, moneyOf } from '../../../src/index.js';
import { WenzhouBenefitPayment } from '../entities/agreement.js';
import { WenzhouClawback, WenzhouCostItem } from '../entities/stay.js';

@Resolver(() => WenzhouCostItem)
export class WenzhouCostItemMoney {
  @FieldResolver(() => Money, { description: 'The whole cost, before it is split' })
  amount(@Root() c: WenzhouCostItem): Money {
    return moneyOf(c.amountFen);
  }

  @FieldResolver(() => Money, { description: 'The share the Ouyue health foundation pays (基金会承担, foundationPct of the amount)' })
  foundationShare(@Root() c: WenzhouCostItem): Money {
    return moneyOf(c.foundationFen);
  }

  @FieldResolver(() => Money, { description: 'The share the talent’s unit pays (人才所在单位承担, unitPct of the amount)' })
  unitShare(@Root() c: WenzhouCostItem): Money {
    return moneyOf(c.unitFen);
  }

  @FieldResolver(() => Money, { description: 'The share the talent pays (人才本人承担, individualPct of the amount)' })
  individualShare(@Root() c: WenzhouCostItem): Money {
    return moneyOf(c.individualFen);
  }
}

@Resolver(() => WenzhouClawback)
export class WenzhouClawbackMoney {
  @FieldResolver(() => Money, { description: 'What the case claims back (追回): at most the foundation’s and the unit’s shares of the stay’s costs and the salary paid for it, less other cases on the stay' })
  amount(@Root() c: WenzhouClawback): Money {
    return moneyOf(c.amountFen);
  }

  @FieldResolver(() => Money, { description: 'Recovered so far on this case' })
  recovered(@Root() c: WenzhouClawback): Money {
    return moneyOf(c.recoveredFen);
  }
}

@Resolver(() => WenzhouBenefitPayment)
export class WenzhouBenefitPaymentMoney {
  @FieldResolver(() => Money, { description: '基础工资 paid for the month' })
  baseSalary(@Root() p: WenzhouBenefitPayment): Money {
    return moneyOf(p.baseSalaryFen);
  }

  @FieldResolver(() => Money, { description: '应发基础工资: the base salary due for the month (全额发放: what was paid must equal it, guarantee G2)' })
  baseSalaryDue(@Root() p: WenzhouBenefitPayment): Money {
    return moneyOf(p.baseSalaryDueFen);
  }

  @FieldResolver(() => Money, { description: '奖励性绩效工资 paid for the month (must not be below departmentAverage, guarantee G3)' })
  performancePay(@Root() p: WenzhouBenefitPayment): Money {
    return moneyOf(p.performancePayFen);
  }

  @FieldResolver(() => Money, { description: '所在科室（单位）奖励性绩效平均水平: the department’s average incentive pay that month' })
  departmentAverage(@Root() p: WenzhouBenefitPayment): Money {
    return moneyOf(p.departmentAverageFen);
  }
}
