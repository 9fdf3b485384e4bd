// Reads the collective: one snapshot for the overview, and the event series for the charts.
import { createPublicClient, http, keccak256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import * as A from './generated/abi';
import { chainWithRpc } from './chains';

export interface Deployment {
  chainId: number;
  startBlock?: number;
  contracts: Record<'FractionToken' | 'CurationRegistry' | 'Treasury' | 'ArtVault' | 'ArtGovernor', { address: Address }>;
}

export interface Addresses { token: Address; registry: Address; treasury: Address; vault: Address; governor: Address }

export function addressesOf(d: Deployment): Addresses {
  const c = d.contracts;
  for (const k of ['FractionToken', 'CurationRegistry', 'Treasury', 'ArtVault', 'ArtGovernor'] as const) {
    if (!c?.[k]?.address) throw new Error(`the deployment file has no ${k} address (is the deployment complete?)`);
  }
  return { token: c.FractionToken.address, registry: c.CurationRegistry.address, treasury: c.Treasury.address, vault: c.ArtVault.address, governor: c.ArtGovernor.address };
}

export function makeClient(chainId: number, rpcUrl: string): PublicClient {
  return createPublicClient({ chain: chainWithRpc(chainId, rpcUrl), transport: http(rpcUrl, { batch: { batchSize: 64 } }), pollingInterval: 500 }) as PublicClient;
}

export type Action = readonly [number, Address, Address, bigint, bigint, Hex, Hex, string];

export interface Proposal {
  id: bigint; proposer: Address; actions: Action[]; description: string; voteStart: bigint; voteEnd: bigint;
  state: number; against: bigint; for: bigint; abstain: bigint; eta: bigint; expires: bigint; vetoes: bigint; voted: boolean;
}
export interface Artwork {
  id: bigint; collection: Address; tokenId: bigint; seed: Hex; modelId: Hex; promptHash: Hex; artist: Address; uri: string;
  shares: bigint; held: boolean; lockedUntil: bigint; steward: Address | null; claim: bigint; fee: bigint;
}
export interface Seed { id: bigint; seed: Hex; modelId: Hex; promptHash: Hex; uri: string; registrant: Address; stake: bigint; conviction: bigint; mine: bigint }

export interface Snapshot {
  block: bigint; now: number;
  tokenName: string; spot: bigint; next: bigint; premium: bigint; supply: bigint; sold: bigint; maxSupply: bigint;
  p0: bigint; decay: bigint; targetRate: bigint; saleStart: bigint;
  treasuryEth: bigint; buckets: readonly [bigint, bigint, bigint, bigint];
  round: { id: bigint; budget: bigint; spent: bigint; ref: bigint; start: bigint; end: bigint; open: boolean; bid: bigint; floorBps: bigint; capBps: bigint };
  upkeepDue: boolean; nextUpkeep: bigint;
  direction: readonly [Hex, Hex, string];
  totalStaked: bigint; halfLife: bigint; minSeedStake: bigint;
  seeds: Seed[]; artworks: Artwork[]; proposals: Proposal[];
  me: null | { address: Address; eth: bigint; shares: bigint; votes: bigint; delegate: Address; staked: bigint; earned: bigint; stewardTokens: bigint[] };
}

/** Blocks per eth_getLogs request. */
export const LOG_CHUNK = 50_000n;
/** Events drawn per chart (the latest): each needs its block's timestamp. */
export const CHART_EVENTS = 300;

export class Reader {
  constructor(public client: PublicClient, public a: Addresses, public fromBlock: bigint) {}

  /** Event logs since the deployment, in chunks of LOG_CHUNK blocks (public RPCs cap a range; the CLI's default). */
  private async logs<T>(address: Address, abi: readonly unknown[], eventName: string, args?: Record<string, unknown>) {
    const head = await this.client.getBlockNumber({ cacheTime: 1000 });
    const out: (T & { blockNumber: bigint; transactionHash: Hex })[] = [];
    for (let from = this.fromBlock; from <= head; from += LOG_CHUNK) {
      const to = from + LOG_CHUNK - 1n < head ? from + LOG_CHUNK - 1n : head;
      const got = await this.client.getContractEvents({ address, abi: abi as never, eventName: eventName as never, args: args as never, fromBlock: from, toBlock: to });
      out.push(...(got as unknown as (T & { blockNumber: bigint; transactionHash: Hex })[]));
    }
    return out;
  }

  async snapshot(me: Address | null): Promise<Snapshot> {
    const { client, a } = this;
    const t = { address: a.token, abi: A.FractionToken } as const;
    const tr = { address: a.treasury, abi: A.Treasury } as const;
    const r = { address: a.registry, abi: A.CurationRegistry } as const;
    const g = { address: a.governor, abi: A.ArtGovernor } as const;
    const v = { address: a.vault, abi: A.ArtVault } as const;
    const [blk, tokenName, spot, next, premium, supply, sold, maxSupply, p0, decay, targetRate, saleStart, treasuryEth, buckets, round, epoch, upkeep, direction, totalStaked, halfLife, minSeedStake, seedCount, floorBps, capBps] = await Promise.all([
      client.getBlock({ blockTag: 'latest' }),
      client.readContract({ ...t, functionName: 'name' }),
      client.readContract({ ...t, functionName: 'spotPrice' }),
      client.readContract({ ...t, functionName: 'quoteBuy', args: [10n ** 18n] }),
      client.readContract({ ...t, functionName: 'premium' }),
      client.readContract({ ...t, functionName: 'totalSupply' }),
      client.readContract({ ...t, functionName: 'totalSold' }),
      client.readContract({ ...t, functionName: 'param', args: [8] }),
      client.readContract({ ...t, functionName: 'param', args: [0] }),
      client.readContract({ ...t, functionName: 'param', args: [1] }),
      client.readContract({ ...t, functionName: 'param', args: [2] }),
      client.readContract({ ...t, functionName: 'param', args: [3] }),
      client.getBalance({ address: a.treasury }),
      client.readContract({ ...tr, functionName: 'buckets' }),
      client.readContract({ ...tr, functionName: 'buybackRound' }),
      client.readContract({ ...tr, functionName: 'epochState' }),
      client.readContract({ ...tr, functionName: 'checkUpkeep', args: ['0x'] }),
      client.readContract({ ...g, functionName: 'creativeDirection' }),
      client.readContract({ ...r, functionName: 'totalStaked' }),
      client.readContract({ ...r, functionName: 'param', args: [2] }),
      client.readContract({ ...r, functionName: 'param', args: [0] }),
      client.readContract({ ...r, functionName: 'seedCount' }),
      client.readContract({ ...tr, functionName: 'param', args: [6] }),
      client.readContract({ ...tr, functionName: 'param', args: [7] }),
    ]);
    const now = Number(blk.timestamp);
    const open = round[6] && BigInt(now) <= round[5];
    const bid = open ? await client.readContract({ ...tr, functionName: 'currentBid' }) : 0n;

    const seedIds = Array.from({ length: Number(seedCount) }, (_, i) => BigInt(i + 1));
    const seeds: Seed[] = await Promise.all(seedIds.map(async (id) => {
      const [s, mine] = await Promise.all([
        client.readContract({ ...r, functionName: 'seedInfo', args: [id] }),
        me ? client.readContract({ ...r, functionName: 'stakeOf', args: [me, id] }) : Promise.resolve(0n),
      ]);
      return { id, seed: s[0], modelId: s[1], promptHash: s[2], uri: s[3], registrant: s[4], stake: s[5], conviction: s[6], mine };
    }));
    seeds.sort((x, y) => (y.conviction > x.conviction ? 1 : y.conviction < x.conviction ? -1 : Number(x.id - y.id)));

    const deposited = await this.logs<{ args: { artworkId: bigint } }>(a.vault, A.ArtVault, 'ArtworkDeposited');
    const artworks: Artwork[] = await Promise.all(deposited.map(async (l) => {
      const id = l.args.artworkId;
      const w = await client.readContract({ ...v, functionName: 'artwork', args: [id] });
      const [steward, cost] = await Promise.all([
        client.readContract({ ...v, functionName: 'ownerOf', args: [id] }).catch(() => null),
        w[8] ? client.readContract({ ...v, functionName: 'redemptionCost', args: [id] }).catch(() => [0n, 0n] as const) : Promise.resolve([0n, 0n] as const),
      ]);
      return { id, collection: w[0], tokenId: w[1], seed: w[2], modelId: w[3], promptHash: w[4], artist: w[5], uri: w[6], shares: w[7], held: w[8], lockedUntil: w[9], steward, claim: cost[0], fee: cost[1] };
    }));

    const created = await this.logs<{ args: { proposalId: bigint; proposer: Address; actions: Action[]; voteStart: bigint; voteEnd: bigint; description: string } }>(a.governor, A.ArtGovernor, 'ProposalCreated');
    const proposals: Proposal[] = await Promise.all(created.map(async (l) => {
      const p = l.args;
      const [state, votes, info, voted] = await Promise.all([
        client.readContract({ ...g, functionName: 'state', args: [p.proposalId] }),
        client.readContract({ ...g, functionName: 'proposalVotes', args: [p.proposalId] }),
        client.readContract({ ...g, functionName: 'proposal', args: [p.proposalId] }),
        me ? client.readContract({ ...g, functionName: 'hasVoted', args: [p.proposalId, me] }) : Promise.resolve(false),
      ]);
      return { id: p.proposalId, proposer: p.proposer, actions: [...p.actions], description: p.description, voteStart: p.voteStart, voteEnd: info[2],
        state, against: votes[0], for: votes[1], abstain: votes[2], eta: info[3], expires: info[4], vetoes: info[5], voted };
    }));
    proposals.reverse();

    let mine: Snapshot['me'] = null;
    if (me) {
      const [eth, shares, votes, delegate, staked, earned] = await Promise.all([
        client.getBalance({ address: me }),
        client.readContract({ ...t, functionName: 'balanceOf', args: [me] }),
        client.readContract({ ...t, functionName: 'getVotes', args: [me] }),
        client.readContract({ ...t, functionName: 'delegates', args: [me] }),
        client.readContract({ ...r, functionName: 'stakedBy', args: [me] }),
        client.readContract({ ...r, functionName: 'earned', args: [me] }),
      ]);
      const stewardTokens = artworks.filter((w) => w.steward?.toLowerCase() === me.toLowerCase()).map((w) => w.id);
      mine = { address: me, eth, shares, votes, delegate, staked, earned, stewardTokens };
    }

    return {
      block: blk.number, now, tokenName, spot, next, premium, supply, sold, maxSupply, p0, decay, targetRate, saleStart, treasuryEth, buckets,
      round: { id: round[0], budget: round[1], spent: round[2], ref: round[3], start: round[4], end: round[5], open, bid, floorBps, capBps },
      upkeepDue: upkeep[0], nextUpkeep: epoch[2], direction, totalStaked, halfLife, minSeedStake, seeds, artworks, proposals, me: mine,
    };
  }

  private async times(blocks: bigint[]): Promise<Map<bigint, number>> {
    const uniq = [...new Set(blocks)];
    const got = await Promise.all(uniq.map((n) => this.client.getBlock({ blockNumber: n })));
    return new Map(got.map((b) => [b.number, Number(b.timestamp)]));
  }

  /** Every SharesBought: time, cost per share, spot after, and the running total sold. */
  async sales() {
    const logs = (await this.logs<{ args: { buyer: Address; shares: bigint; cost: bigint; spotPriceAfter: bigint } }>(this.a.token, A.FractionToken, 'SharesBought')).slice(-CHART_EVENTS);
    const t = await this.times(logs.map((l) => l.blockNumber));
    return logs.map((l) => ({ time: t.get(l.blockNumber)!, shares: l.args.shares, cost: l.args.cost, spotAfter: l.args.spotPriceAfter }));
  }

  async fills() {
    const logs = (await this.logs<{ args: { seller: Address; shares: bigint; paid: bigint } }>(this.a.treasury, A.Treasury, 'BuybackFilled')).slice(-CHART_EVENTS);
    const t = await this.times(logs.map((l) => l.blockNumber));
    return logs.map((l) => ({ time: t.get(l.blockNumber)!, shares: l.args.shares, paid: l.args.paid }));
  }

  async convictionSeries() {
    const logs = (await this.logs<{ args: { seedId: bigint; conviction: bigint; stake: bigint } }>(this.a.registry, A.CurationRegistry, 'ConvictionUpdated')).slice(-CHART_EVENTS);
    const t = await this.times(logs.map((l) => l.blockNumber));
    return logs.map((l) => ({ time: t.get(l.blockNumber)!, seedId: l.args.seedId, conviction: l.args.conviction, stake: l.args.stake }));
  }

  async license(id: bigint) {
    return this.client.readContract({ address: this.a.governor, abi: A.ArtGovernor, functionName: 'license', args: [id] });
  }
}

export const descriptionHash = (d: string) => keccak256(toHex(d));
