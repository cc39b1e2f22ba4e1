/**
 * Money as front ends expect it from mature APIs (Shopify's MoneyV2): an amount with its currency,
 * never a bare number whose unit a reader has to guess. Amounts are kept in whole fen (integers,
 * exact); `amount` is the same value as an exact decimal string of yuan for display.
 */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { yuanString } from '../money.js';
import { FenScalar } from './scalars.js';

export enum CurrencyCode {
  /** Renminbi: every amount the schemes hold is in yuan and fen (1/100 yuan). */
  CNY = 'CNY',
}
registerEnumType(CurrencyCode, { name: 'CurrencyCode', description: 'ISO 4217 currency of an amount', valuesConfig: { CNY: { description: 'Renminbi (人民币), in yuan and fen' } } });

@ObjectType('Money', { description: 'An amount of money with its currency (金额及币种)' })
export class Money {
  @Field(() => FenScalar, { description: 'The amount in minor units (fen, 1/100 yuan): an exact integer' })
  fen!: number;

  @Field(() => String, { description: 'The amount in major units as an exact decimal string (yuan), e.g. "11111.11"' })
  amount!: string;

  @Field(() => CurrencyCode, { description: 'The currency (ISO 4217)' })
  currencyCode!: CurrencyCode;
}

/** Whole fen as a Money value (CNY). */
export function moneyOf(fen: number): Money {
  return { fen, amount: yuanString(fen), currencyCode: CurrencyCode.CNY };
}
