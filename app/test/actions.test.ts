import { describe, it, expect } from 'vitest';
import { keccak256, toHex, zeroAddress } from 'viem';
import { actionOf, paramKey, KIND_FIELDS } from '../src/actions';

const T = {
  token: '0x00000000000000000000000000000000000000a1', registry: '0x00000000000000000000000000000000000000a2',
  treasury: '0x00000000000000000000000000000000000000a3', vault: '0x00000000000000000000000000000000000000a4',
} as const;
const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const C = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const Z32 = `0x${'0'.repeat(64)}`;
const E = 10n ** 18n;

describe('typed proposal actions, laid out as the governor (and the CLI) takes them', () => {
  it('every kind has its fields and encodes', () => {
    const rows: [number, Record<string, string>, unknown[]][] = [
      [0, { model: 'model-v2', prompt: 'brighter', uri: 'ipfs://d' }, [0, zeroAddress, zeroAddress, 0n, 0n, keccak256(toHex('model-v2')), keccak256(toHex('brighter')), 'ipfs://d']],
      [1, { account: A, artwork: '2', days: '30' }, [1, zeroAddress, A, 2n, 1000n + 30n * 86_400n, Z32, Z32, '']],
      [2, { account: A, artwork: '1', fee: '0.5', terms: 'cc-by' }, [2, zeroAddress, A, 1n, E / 2n, keccak256(toHex('cc-by')), Z32, '']],
      [3, { target: C, account: A, tokenId: '7', shares: '1000' }, [3, C, A, 7n, 1000n * E, Z32, Z32, '']],
      [4, { contract: 'vault', key: 'quorumBps', value: '500' }, [4, T.vault, zeroAddress, 3n, 500n, Z32, Z32, '']],
      [5, { artwork: '3', account: A }, [5, zeroAddress, A, 3n, 0n, Z32, Z32, '']],
      [6, { account: A, amount: '1.5' }, [6, zeroAddress, A, 0n, (3n * E) / 2n, Z32, Z32, '']],
      [7, { target: C, tokenId: '9', account: A }, [7, C, A, 9n, 0n, Z32, Z32, '']],
    ];
    for (const [kind, f, want] of rows) {
      expect(Object.keys(f).sort()).toEqual(KIND_FIELDS[kind].map(([n]) => n).sort());
      expect(actionOf(kind, f, 1000n, T)).toEqual(want);
    }
  });
  it('parameter keys by name or number, per contract', () => {
    expect(paramKey('token', 'maxLag')).toBe(11n);
    expect(paramKey('treasury', 'CAPBPS')).toBe(7n);
    expect(paramKey('registry', '3')).toBe(3n);
    expect(() => paramKey('registry', '4')).toThrow(/no parameter "4"/);
    expect(() => paramKey('vault', 'nope')).toThrow(/its keys: votingDelay/);
    expect(() => paramKey('moon', '1')).toThrow(/not one of/);
  });
  it('bad input is named', () => {
    expect(() => actionOf(1, { account: 'bob', artwork: '1', days: '3' }, 0n, T)).toThrow(/grantee: "bob" is not an address/);
    expect(() => actionOf(5, { artwork: '-1', account: A }, 0n, T)).toThrow(/artwork/);
    expect(() => actionOf(0, { model: '' }, 0n, T)).toThrow(/model/);
    expect(() => actionOf(9, {}, 0n, T)).toThrow(/unknown action kind 9/);
  });
});
