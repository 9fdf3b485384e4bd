// Governance's typed actions, as the governor takes them: (kind, target, account, id,
// amount, h1, h2, uri), the fields a kind does not use left zero (the governor refuses
// anything else: MalformedAction). The same layout as the atelier CLI's build_action.
import { getAddress, isAddress, zeroAddress, type Address, type Hex } from 'viem';
import type { Action } from './data';
import { parseAmount, parseB32 } from './format';

/** The form's fields for each kind: name, label, placeholder. */
export const KIND_FIELDS: Record<number, [string, string, string][]> = {
  0: [['model', 'Model', 'model-v2'], ['prompt', 'Prompt', 'brighter palettes'], ['uri', 'URI (optional)', '']],
  1: [['account', 'Grantee', '0x…'], ['artwork', 'Artwork id', '1'], ['days', 'For days', '30']],
  2: [['account', 'Licensee', '0x…'], ['artwork', 'Artwork id', '1'], ['fee', 'Fee (ETH)', '0.1'], ['terms', 'Terms (text, hashed)', '']],
  3: [['target', 'Collection', '0x…'], ['account', 'Depositor', '0x…'], ['tokenId', 'Token id', ''], ['shares', 'Shares to mint', '1000']],
  4: [['contract', 'Contract (token, registry, treasury, vault)', 'vault'], ['key', 'Key (name or number)', 'quorumBps'], ['value', 'Value (integer)', '500']],
  5: [['artwork', 'Artwork id', '1'], ['account', 'To', '0x…']],
  6: [['account', 'To', '0x…'], ['amount', 'Amount (ETH)', '0.1']],
  7: [['target', 'Collection', '0x…'], ['tokenId', 'Token id', ''], ['account', 'To', '0x…']],
};

/** Parameter names of each contract's setParam keys, in key order (the CLI's params.rs). */
export const PARAM_KEYS: Record<string, string[]> = {
  token: ['p0', 'decay', 'targetRate', 'saleStart', 'premiumMin', 'premiumMax', 'premiumMaxStep', 'premiumInterval', 'maxSupply', 'paused', 'keeper', 'maxLag'],
  registry: ['minSeedStake', 'cooldown', 'halfLife', 'rewardPeriod'],
  treasury: ['buybackBps', 'acquisitionBps', 'rewardsBps', 'epoch', 'minBuyback', 'roundDuration', 'floorBps', 'capBps', 'maxAcquisitionPrice', 'acquisitionBudgetPerEpoch', 'acquirer'],
  vault: ['votingDelay', 'votingPeriod', 'timelock', 'quorumBps', 'proposalThreshold', 'displayThreshold', 'redeemFeeBps', 'gracePeriod', 'voteExtension'],
};

export interface Targets { token: Address; registry: Address; treasury: Address; vault: Address }
const Z32 = `0x${'0'.repeat(64)}` as Hex;

/** A parameter key by name (case-insensitive) or number, checked against the contract's keys. */
export function paramKey(contract: string, key: string): bigint {
  const names = PARAM_KEYS[contract];
  if (!names) throw new Error(`contract: "${contract}" is not one of ${Object.keys(PARAM_KEYS).join(', ')}`);
  const k = /^\d+$/.test(key) ? Number(key) : names.findIndex((n) => n.toLowerCase() === key.toLowerCase());
  if (k < 0 || k >= names.length) throw new Error(`key: ${contract} has no parameter "${key}"; its keys: ${names.join(', ')}`);
  return BigInt(k);
}

/** The typed action of `kind` from the form's text fields; `now` is the chain's time (for days). */
export function actionOf(kind: number, f: Record<string, string>, now: bigint, t: Targets): Action {
  const v = (n: string) => (f[n] ?? '').trim();
  const addr = (n: string, what: string): Address => {
    if (!isAddress(v(n))) throw new Error(`${what}: "${v(n)}" is not an address`);
    return getAddress(v(n));
  };
  const uint = (n: string, what: string) => {
    if (!/^\d+$/.test(v(n))) throw new Error(`${what}: "${v(n)}" is not a whole number`);
    return BigInt(v(n));
  };
  const Z = zeroAddress;
  switch (kind) {
    case 0:
      if (!v('model')) throw new Error('model: give the model (text is hashed)');
      return [0, Z, Z, 0n, 0n, parseB32(v('model')), v('prompt') ? parseB32(v('prompt')) : Z32, v('uri')];
    case 1: {
      const days = uint('days', 'days');
      if (days === 0n) throw new Error('days: the grant must last at least a day');
      return [1, Z, addr('account', 'grantee'), uint('artwork', 'artwork'), now + days * 86_400n, Z32, Z32, ''];
    }
    case 2: return [2, Z, addr('account', 'licensee'), uint('artwork', 'artwork'), parseAmount(v('fee'), 'fee'), parseB32(v('terms')), Z32, ''];
    case 3: return [3, addr('target', 'collection'), addr('account', 'depositor'), uint('tokenId', 'token id'), parseAmount(v('shares'), 'shares'), Z32, Z32, ''];
    case 4: {
      const c = v('contract').toLowerCase();
      const key = paramKey(c, v('key'));
      return [4, t[c as keyof Targets], Z, key, uint('value', 'value'), Z32, Z32, ''];
    }
    case 5: return [5, Z, addr('account', 'recipient'), uint('artwork', 'artwork'), 0n, Z32, Z32, ''];
    case 6: return [6, Z, addr('account', 'recipient'), 0n, parseAmount(v('amount'), 'amount'), Z32, Z32, ''];
    case 7: return [7, addr('target', 'collection'), addr('account', 'recipient'), uint('tokenId', 'token id'), 0n, Z32, Z32, ''];
    default: throw new Error(`unknown action kind ${kind}`);
  }
}
