import { describe, it, expect } from 'vitest';
import { keccak256, toHex } from 'viem';
import {
  b32Text, bidAt, convictionAfter, fmtAmount, fmtDuration, fmtEth, fmtSchedule, fmtTime, fmtWhen, parseAmount, parseB32,
  parsePercentBps, scheduleDays, stateName, kindName, withSlippageDown, withSlippageUp, UNIT,
} from '../src/format';

describe('amounts', () => {
  it('formats 18-decimal units, trimmed, grouped, rounded half up at the digit limit', () => {
    expect(fmtAmount(0n)).toBe('0');
    expect(fmtAmount(3010n * UNIT)).toBe('3,010');
    expect(fmtAmount(1_234_567n * UNIT + UNIT / 4n)).toBe('1,234,567.25');
    expect(fmtAmount(1n)).toBe('0');
    expect(fmtAmount(1n, 18)).toBe('0.000000000000000001');
    expect(fmtAmount(126_394_000_000_000_000n)).toBe('0.126394');
    expect(fmtAmount(1_999_999_500_000_000_000n, 6)).toBe('2');
    expect(fmtAmount(-UNIT / 2n)).toBe('-0.5');
    expect(fmtEth(UNIT / 100n)).toBe('0.01 ETH');
  });
  it('parses typed decimals exactly, refusing the rest', () => {
    expect(parseAmount('10')).toBe(10n * UNIT);
    expect(parseAmount(' 0.25 ')).toBe(UNIT / 4n);
    expect(parseAmount('.5')).toBe(UNIT / 2n);
    expect(parseAmount('1_000')).toBe(1000n * UNIT);
    expect(parseAmount('0.000000000000000001')).toBe(1n);
    for (const bad of ['', 'abc', '1e3', '-1', '1.0000000000000000001', '0x10']) expect(() => parseAmount(bad, 'shares')).toThrow(/shares/);
  });
  it('applies slippage in the collective\'s favour', () => {
    expect(withSlippageUp(10_000n, 100)).toBe(10_100n);
    expect(withSlippageUp(1n, 100)).toBe(2n); // rounded up
    expect(withSlippageDown(10_000n, 100)).toBe(9_900n);
    expect(withSlippageDown(199n, 100)).toBe(197n); // rounded down
    expect(parsePercentBps('1')).toBe(100);
    expect(parsePercentBps('0.5')).toBe(50);
    expect(() => parsePercentBps('51')).toThrow();
    expect(() => parsePercentBps('x')).toThrow();
  });
});

describe('times', () => {
  it('durations keep the two largest units', () => {
    expect(fmtDuration(0)).toBe('0s');
    expect(fmtDuration(59)).toBe('59s');
    expect(fmtDuration(3601)).toBe('1h');
    expect(fmtDuration(259_201)).toBe('3d');
    expect(fmtDuration(90_061)).toBe('1d 1h');
    expect(fmtDuration(-5)).toBe('0s');
  });
  it('absolute and relative times', () => {
    expect(fmtTime(0)).toBe('1970-01-01 00:00 UTC');
    expect(fmtTime(1_796_526_853n)).toBe('2026-12-06 03:14 UTC');
    expect(fmtWhen(160, 100)).toBe('in 1m');
    expect(fmtWhen(100, 3700)).toBe('1h ago');
  });
});

describe('bytes32', () => {
  it('hashes text as the CLI does and keeps 32-byte hex', () => {
    expect(parseB32('model-v1')).toBe(keccak256(toHex('model-v1')));
    const h = `0x${'ab'.repeat(32)}` as const;
    expect(parseB32(h)).toBe(h);
  });
  it('shows zero-padded printable text, nothing else', () => {
    expect(b32Text(`0x${'6d6f64656c2d7631'.padEnd(64, '0')}`)).toBe('model-v1');
    expect(b32Text(keccak256(toHex('x')))).toBeNull();
    expect(b32Text(`0x${'0'.repeat(64)}`)).toBeNull();
  });
});

describe('names', () => {
  it('proposal states and action kinds', () => {
    expect(stateName(0)).toBe('Pending');
    expect(stateName(5)).toBe('Queued');
    expect(stateName(8)).toBe('Expired');
    expect(stateName(9)).toBe('Unknown(9)');
    expect(kindName(0)).toBe('CreativeDirection');
    expect(kindName(7)).toBe('RescueToken');
  });
});

describe('economy', () => {
  it('schedule position from the VRGDA price', () => {
    const p0 = UNIT / 100n, k = UNIT / 5n;
    expect(scheduleDays(p0, p0, UNIT, k)).toBeCloseTo(0, 9);
    expect(scheduleDays((p0 * 125n) / 100n, p0, UNIT, k)).toBeCloseTo(1, 9); // 1/(1-k) = 1.25: a day ahead
    expect(scheduleDays((p0 * 80n) / 100n, p0, UNIT, k)).toBeCloseTo(-Math.log(0.8) / Math.log(0.8), 9);
    expect(fmtSchedule(1)).toBe('ahead of schedule by 1d');
    expect(fmtSchedule(-0.5)).toBe('behind schedule by 12h');
    expect(fmtSchedule(0.001)).toBe('on schedule');
  });
  it('the buyback bid rises linearly from floor to cap (the treasury\'s auction::bid_at)', () => {
    const ref = 10n ** 16n;
    expect(bidAt(ref, 5000n, 9000n, 100n, 200n, 100n)).toBe(ref / 2n);
    expect(bidAt(ref, 5000n, 9000n, 100n, 200n, 150n)).toBe((ref * 7n) / 10n);
    expect(bidAt(ref, 5000n, 9000n, 100n, 200n, 999n)).toBe((ref * 9n) / 10n); // capped past the end
    expect(bidAt(ref, 5000n, 9000n, 100n, 200n, 0n)).toBe(ref / 2n);
    expect(bidAt(ref, 9500n, 9000n, 100n, 200n, 100n)).toBe((ref * 9n) / 10n); // floor above cap: the cap
    expect(bidAt(ref, 5000n, 9000n, 100n, 100n, 100n)).toBe((ref * 9n) / 10n); // no duration
  });
  it('conviction decays toward the stake by its half-life', () => {
    expect(convictionAfter(0, 20, 0, 100)).toBe(0);
    expect(convictionAfter(0, 20, 100, 100)).toBeCloseTo(10);
    expect(convictionAfter(40, 20, 200, 100)).toBeCloseTo(25);
    expect(convictionAfter(5, 20, 10, 0)).toBe(20);
  });
});
