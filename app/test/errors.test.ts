import { describe, it, expect } from 'vitest';
import { encodeErrorResult, BaseError, ContractFunctionExecutionError, type Abi } from 'viem';
import * as A from '../src/generated/abi';
import { ALL_ERRORS, decodeRevertData, explainError, revertDataOf, fmtArg } from '../src/errors';

const enc = (abi: Abi, errorName: string, args: unknown[]) => encodeErrorResult({ abi, errorName, args } as never);

describe('reverts named from the five ABIs', () => {
  it('every custom error of every contract decodes by name', () => {
    let n = 0;
    for (const abi of Object.values(A)) {
      for (const e of (abi as Abi).filter((i) => i.type === 'error')) {
        const args = (e as unknown as { inputs: { type: string }[] }).inputs.map((i) =>
          i.type === 'address' ? '0x00000000000000000000000000000000000000aa' : i.type === 'bytes32' ? `0x${'11'.repeat(32)}` : i.type === 'uint8' ? 3 : i.type === 'uint48' ? 7 : 42n);
        const d = decodeRevertData(enc(abi as Abi, (e as { name: string }).name, args));
        expect(d?.name).toBe((e as { name: string }).name);
        n += 1;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
  it('arguments by name; amounts also as decimals, ids and times as they are', () => {
    const d = decodeRevertData(enc(A.FractionToken as Abi, 'MaxCostExceeded', [1_290_000_000_000_000_000n, 10n ** 18n]))!;
    expect(d.text).toBe('MaxCostExceeded(cost: 1290000000000000000 (1.29), maxCost: 1000000000000000000 (1))');
    const c = decodeRevertData(enc(A.CurationRegistry as Abi, 'CooldownActive', [1n, 1_796_613_565n]))!;
    expect(c.text).toBe('CooldownActive(seedId: 1, endsAt: 1796613565)');
    expect(fmtArg('proposalId', 'uint256', 10n ** 70n)).toBe((10n ** 70n).toString());
    expect(fmtArg('caller', 'address', '0xabc')).toBe('0xabc');
  });
  it('Error(string) and Panic too; unknown data is null', () => {
    expect(decodeRevertData(enc(ALL_ERRORS, 'Error', ['nope']))!.text).toBe('Error(message: nope)');
    expect(decodeRevertData('0xdeadbeef')).toBeNull();
    expect(decodeRevertData('0x')).toBeNull();
  });
  it('finds the data inside wallet and viem errors, and never says "execution reverted"', () => {
    const data = enc(A.Treasury as Abi, 'NoLiveRound', []);
    const walletErr = { code: 3, message: 'execution reverted', data };
    expect(revertDataOf(walletErr)).toBe(data);
    const nested = new BaseError('execution reverted', { cause: Object.assign(new Error('x'), { data: { data } }) as never });
    expect(revertDataOf(nested)).toBe(data);
    expect(explainError(walletErr)).toBe('reverted with NoLiveRound()');
    const viemErr = new ContractFunctionExecutionError(new BaseError('execution reverted', { cause: Object.assign(new Error('r'), { data }) as never }), { abi: [], functionName: 'sellToTreasury' });
    expect(explainError(viemErr)).toBe('reverted with NoLiveRound()');
    expect(explainError({ code: 4001, message: 'User rejected' })).toBe('you rejected the request in your wallet');
    expect(explainError(new BaseError('execution reverted'))).toBe('reverted without a reason (no error data)');
  });
});
