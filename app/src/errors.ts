// Reverts named with their arguments from all five ABIs (never "execution reverted").
import { decodeErrorResult, BaseError, type Abi, type Hex } from 'viem';
import * as abis from './generated/abi';
import { fmtAmount } from './format';

const errorItems = Object.values(abis).flatMap((abi) => (abi as Abi).filter((i) => i.type === 'error'));
/** Every custom error of the collective's contracts, one per selector. */
export const ALL_ERRORS: Abi = [
  ...new Map(errorItems.map((e) => [JSON.stringify([(e as { name: string }).name, (e as { inputs: unknown }).inputs]), e])).values(),
  // Solidity's built-ins, so a foreign revert is named too.
  { type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] },
  { type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] },
];

export interface DecodedRevert { name: string; args: { name: string; value: string }[]; text: string }

/** Argument names that are never 18-decimal amounts (ids, times, counts). */
const NOT_AMOUNT = /id$|eta|deadline|at$|until|time|clock|round|key|kind|count|index|bps|state|support/i;

/** An error argument: amounts in 18-decimal units also as decimals; ids, times and small numbers as they are. */
export function fmtArg(name: string, type: string, v: unknown): string {
  if (typeof v === 'bigint') {
    return type === 'uint256' && !NOT_AMOUNT.test(name) && v >= 10n ** 15n && v < 10n ** 33n ? `${v} (${fmtAmount(v)})` : v.toString();
  }
  return String(v);
}

/** Names revert data by the collective's ABIs; null when the data is none of their errors. */
export function decodeRevertData(data: Hex): DecodedRevert | null {
  if (!data || data === '0x' || data.length < 10) return null;
  try {
    const r = decodeErrorResult({ abi: ALL_ERRORS, data });
    const item = r.abiItem as { inputs: readonly { name: string; type: string }[] };
    const args = (r.args ?? []).map((v, i) => ({ name: item.inputs[i]?.name || `arg${i}`, value: fmtArg(item.inputs[i]?.name ?? '', item.inputs[i]?.type ?? '', v) }));
    return { name: r.errorName, args, text: `${r.errorName}(${args.map((a) => `${a.name}: ${a.value}`).join(', ')})` };
  } catch {
    return null;
  }
}

/** The revert data inside any error viem or a wallet throws (nested causes, JSON-RPC `data`). */
export function revertDataOf(err: unknown): Hex | null {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const k of ['data', 'raw']) {
      const d = o[k];
      if (typeof d === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(d)) return d as Hex;
      if (d && typeof d === 'object') stack.push(d);
    }
    for (const k of ['cause', 'error', 'originalError']) if (o[k]) stack.push(o[k]);
  }
  return null;
}

/** One line for any failure: a named revert, a refused request, or the wallet's message. */
export function explainError(err: unknown): string {
  const data = revertDataOf(err);
  const named = data ? decodeRevertData(data) : null;
  if (named) return `reverted with ${named.text}`;
  if (data && data !== '0x') return `reverted with unknown error data ${data.slice(0, 10)}…`;
  const code = (err as { code?: number; cause?: { code?: number } })?.code ?? (err as { cause?: { code?: number } })?.cause?.code;
  if (code === 4001) return 'you rejected the request in your wallet';
  if (code === 4902) return 'your wallet does not know this chain';
  if (err instanceof BaseError) {
    if (/reverted/i.test(err.shortMessage)) return 'reverted without a reason (no error data)';
    return err.shortMessage;
  }
  return err instanceof Error ? err.message : String(err);
}
