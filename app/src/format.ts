// Formatting and parsing helpers (pure; unit-tested in test/format.test.ts).
import { formatUnits, parseUnits, keccak256, toHex, hexToString, type Hex } from 'viem';

export const UNIT = 10n ** 18n;

/** An 18-decimal amount as text, trailing zeros trimmed, at most `digits` decimals, grouped thousands. */
export function fmtAmount(x: bigint, digits = 6): string {
  const neg = x < 0n;
  const s = formatUnits(neg ? -x : x, 18);
  let [whole, frac = ''] = s.split('.');
  if (digits >= 0 && frac.length > digits) {
    // Round half up on the decimal string (never through a float).
    const scaled = ((neg ? -x : x) * 10n ** BigInt(digits) * 2n + UNIT) / (2n * UNIT);
    const p = 10n ** BigInt(digits);
    whole = (scaled / p).toString();
    frac = digits ? (scaled % p).toString().padStart(digits, '0') : '';
  }
  frac = frac.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

export const fmtEth = (x: bigint, digits = 6) => `${fmtAmount(x, digits)} ETH`;
export const fmtShares = (x: bigint, digits = 4) => `${fmtAmount(x, digits)} shares`;

/** A decimal amount typed by a user ("12.5") as 18-decimal units; throws a readable error. */
export function parseAmount(text: string, what = 'amount'): bigint {
  const t = text.trim().replace(/_/g, '');
  if (!/^\d+(\.\d{0,18})?$|^\.\d{1,18}$/.test(t)) throw new Error(`${what}: "${text}" is not a decimal number with at most 18 decimals`);
  return parseUnits(t.startsWith('.') ? `0${t}` : t, 18);
}

/** `quote * (10,000 + bps) / 10,000`, rounded up (the most a buy may pay). */
export function withSlippageUp(quote: bigint, bps: number): bigint {
  return (quote * BigInt(10_000 + bps) + 9_999n) / 10_000n;
}
/** `price * (10,000 - bps) / 10,000`, rounded down (the least a sale may take). */
export function withSlippageDown(price: bigint, bps: number): bigint {
  return (price * BigInt(Math.max(0, 10_000 - bps))) / 10_000n;
}

/** Basis points typed as a percentage ("1", "0.5") -> bps; throws past 50%. */
export function parsePercentBps(text: string): number {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n < 0 || n > 50) throw new Error(`slippage: "${text}" is not a percentage between 0 and 50`);
  return Math.round(n * 100);
}

/** A duration in its largest unit and the next one when not zero: `3d`, `1d 1h`, `59s`. */
export function fmtDuration(secs: number | bigint): string {
  let s = Math.max(0, Math.floor(Number(secs)));
  const parts: [number, string][] = [];
  for (const [size, unit] of [[86_400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']] as const) {
    parts.push([Math.floor(s / size), unit]);
    s %= size;
  }
  const i = parts.findIndex(([n]) => n > 0);
  if (i < 0) return '0s';
  return parts.slice(i, i + 2).filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join(' ');
}

/** A unix time as `YYYY-MM-DD HH:MM UTC`. */
export function fmtTime(secs: number | bigint): string {
  return new Date(Number(secs) * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** `in 3h 2m` / `5m ago`, relative to the chain's `now`. */
export function fmtWhen(at: number | bigint, now: number): string {
  const d = Number(at) - now;
  return d >= 0 ? `in ${fmtDuration(d)}` : `${fmtDuration(-d)} ago`;
}

export const shortAddr = (a: string) => (a.length === 42 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a);

/** A bytes32 typed by a user: 0x + 64 hex digits as is, any other text keccak256-hashed (as the CLI does). */
export function parseB32(text: string): Hex {
  const t = text.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(t)) return t as Hex;
  return keccak256(toHex(t));
}

/** A bytes32 shown as text when it is a printable zero-padded string, else null. */
export function b32Text(b: Hex): string | null {
  const bytes = b.slice(2).match(/../g)?.map((x) => parseInt(x, 16)) ?? [];
  const end = bytes.indexOf(0) === -1 ? bytes.length : bytes.indexOf(0);
  if (end === 0 || bytes.slice(end).some((c) => c !== 0)) return null;
  const s = hexToString(`0x${b.slice(2, 2 + end * 2)}`);
  return /^[\x20-\x7e]+$/.test(s) ? s : null;
}

/** A bytes32 for display: its text, or the hash shortened. */
export const fmtB32 = (b: Hex) => b32Text(b) ?? `${b.slice(0, 10)}…`;

export const PROPOSAL_STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Vetoed', 'Executed', 'Expired'] as const;
export const stateName = (s: number) => PROPOSAL_STATES[s] ?? `Unknown(${s})`;

export const ACTION_KINDS = ['CreativeDirection', 'GrantExhibition', 'ApproveLicense', 'ApproveListing', 'SetParams', 'ReleaseArtwork', 'WithdrawReserve', 'RescueToken'] as const;
export const kindName = (k: number) => ACTION_KINDS[k] ?? `Unknown(${k})`;

/** An 18-decimal WAD as a float (display and charts only). */
export const wadToFloat = (x: bigint) => Number(formatUnits(x, 18));

/**
 * Position against the sale's schedule from the VRGDA price: spot = target * (1-k)^-(days ahead),
 * with target = p0 * premium. Positive: ahead (sold more than the schedule), negative: behind.
 */
export function scheduleDays(spot: bigint, p0: bigint, premium: bigint, decay: bigint): number {
  const target = wadToFloat(p0) * wadToFloat(premium);
  const k = wadToFloat(decay);
  if (target <= 0 || k <= 0 || k >= 1 || spot <= 0n) return 0;
  return Math.log(wadToFloat(spot) / target) / -Math.log(1 - k);
}

export function fmtSchedule(days: number): string {
  if (Math.abs(days) < 0.01) return 'on schedule';
  return `${days > 0 ? 'ahead of' : 'behind'} schedule by ${fmtDuration(Math.round(Math.abs(days) * 86_400))}`;
}

/** The buyback bid at `t` of a round (the treasury's auction::bid_at, rounded down). */
export function bidAt(ref: bigint, floorBps: bigint, capBps: bigint, start: bigint, end: bigint, t: bigint): bigint {
  const floor = floorBps < capBps ? floorBps : capBps;
  const d = end - start;
  if (d <= 0n) return (ref * capBps) / 10_000n;
  const e = t < start ? 0n : t - start > d ? d : t - start;
  return (ref * (floor * d + (capBps - floor) * e)) / (10_000n * d);
}

/** A seed's conviction `dt` seconds after (conviction c, stake s): decays toward the stake with `halfLife`. */
export function convictionAfter(c: number, s: number, dt: number, halfLife: number): number {
  if (halfLife <= 0) return s;
  return s + (c - s) * Math.pow(2, -dt / halfLife);
}
