import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yuanString } from '../../src/money.js';

describe('yuanString', () => {
  it('writes whole fen as exact yuan with two decimals', () => {
    expect(yuanString(1_111_111)).toBe('11111.11');
    expect(yuanString(5)).toBe('0.05');
    expect(yuanString(-250)).toBe('-2.50');
    expect(yuanString(0)).toBe('0.00');
  });

  it('round-trips every safe integer amount exactly', () => {
    fc.assert(fc.property(fc.maxSafeNat(), fc.boolean(), (n, neg) => {
      const fen = neg ? -n : n;
      const amount = yuanString(fen);
      expect(/^-?\d+\.\d{2}$/.test(amount)).toBe(true);
      expect(BigInt(amount.replace('.', ''))).toBe(BigInt(fen));
    }));
  });
});
