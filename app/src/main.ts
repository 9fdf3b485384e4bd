// The app: configuration, wallet connection, the overview and every action.
import './style.css';
import {
  createWalletClient, custom, getAddress, isAddress, zeroAddress,
  type Address, type Chain, type EIP1193Provider, type Hex, type PublicClient, type WalletClient, type TransactionReceipt,
} from 'viem';
import * as A from './generated/abi';
import { chainWithRpc, CHAINS } from './chains';
import { addressesOf, descriptionHash, makeClient, Reader, type Action, type Addresses, type Deployment, type Snapshot } from './data';
import { discoverWallets, injectedFallback, switchChain, type Discovered } from './wallet';
import { explainError } from './errors';
import {
  b32Text, fmtAmount, fmtB32, fmtDuration, fmtEth, fmtSchedule, fmtShares, fmtTime, fmtWhen, kindName, parseAmount, parseB32,
  parsePercentBps, scheduleDays, shortAddr, stateName, withSlippageDown, withSlippageUp, UNIT,
} from './format';
import { bidChart, convictionChart, priceChart } from './charts';
import { actionOf, KIND_FIELDS } from './actions';

const $ = (id: string) => document.getElementById(id)!;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface State {
  chainId: number; rpcUrl: string; chain: Chain; client: PublicClient; a: Addresses; reader: Reader;
  wallet: Discovered | null; walletClient: WalletClient | null; account: Address | null; walletChainId: number | null;
  snap: Snapshot | null;
}
let S: State;

// ------------------------------------------------------------------ progress line
function progress(kind: 'idle' | 'pending' | 'confirmed' | 'failed', text: string) {
  const el = $('progress');
  el.className = `progress ${kind}`;
  el.textContent = text;
}
function log(text: string, cls = '') {
  const li = document.createElement('li');
  li.className = cls;
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('log').prepend(li);
}
function failed(label: string, e: unknown, suffix = '') {
  const msg = `${label}: failed — ${explainError(e)}${suffix}`;
  progress('failed', msg);
  log(msg, 'bad');
}

// ------------------------------------------------------------------ config
async function loadConfig(): Promise<{ chainId: number; rpcUrl: string }> {
  const q = new URLSearchParams(location.search);
  let cfg: { chainId?: number; rpcUrl?: string } = {};
  try {
    const r = await fetch('./config.json', { cache: 'no-store' });
    if (r.ok) cfg = await r.json();
  } catch { /* a static host without config.json: defaults below */ }
  const chainId = Number(q.get('chain') ?? cfg.chainId ?? 412346);
  const rpcUrl = q.get('rpc') ?? (Number(cfg.chainId) === chainId ? cfg.rpcUrl : undefined) ?? CHAINS[chainId]?.rpcUrls.default.http[0] ?? '';
  return { chainId, rpcUrl };
}

async function loadDeployment(chainId: number): Promise<Deployment> {
  const r = await fetch(`./deployments/${chainId}.json`, { cache: 'no-store' });
  if (!r.ok) throw new Error(`no deployment for chain ${chainId} (./deployments/${chainId}.json: HTTP ${r.status})`);
  return r.json();
}

// ------------------------------------------------------------------ wallet
function walletReady(): boolean {
  if (!S.walletClient || !S.account) {
    progress('failed', 'Connect a wallet first (read-only mode).');
    return false;
  }
  if (S.walletChainId !== S.chainId) {
    progress('failed', `Your wallet is on chain ${S.walletChainId}: switch it to ${S.chain.name} (${S.chainId}) first.`);
    return false;
  }
  return true;
}

function renderChainBanner() {
  const b = $('chain-banner');
  if (!S.account || S.walletChainId === S.chainId) {
    b.hidden = true;
    return;
  }
  const on = CHAINS[S.walletChainId ?? 0]?.name ?? `chain ${S.walletChainId}`;
  b.hidden = false;
  b.innerHTML = `Wrong network: your wallet is on ${esc(on)} (${S.walletChainId}). This collective lives on ${esc(S.chain.name)} (${S.chainId}). <button id="switch-chain">Switch network</button>`;
  $('switch-chain').onclick = async () => {
    try {
      progress('pending', `asking your wallet to switch to ${S.chain.name}…`);
      await switchChain(S.wallet!.provider, S.chain);
      await onChainChanged(await S.wallet!.provider.request({ method: 'eth_chainId' }));
      progress('confirmed', `wallet on ${S.chain.name} (${S.chainId})`);
    } catch (e) {
      failed('switch network', e);
    }
  };
}

async function onChainChanged(hex: string) {
  S.walletChainId = Number(hex);
  renderChainBanner();
  renderHeader();
}

async function connect(w: Discovered) {
  try {
    progress('pending', `connecting to ${w.info.name}…`);
    const accounts = (await w.provider.request({ method: 'eth_requestAccounts' })) as Address[];
    if (!accounts.length) throw new Error('the wallet returned no account');
    S.wallet = w;
    S.account = getAddress(accounts[0]);
    S.walletClient = createWalletClient({ account: S.account, chain: S.chain, transport: custom(w.provider) });
    S.walletChainId = Number(await w.provider.request({ method: 'eth_chainId' }));
    const p = w.provider as EIP1193Provider & { on?: (ev: string, f: (x: never) => void) => void };
    p.on?.('chainChanged', (h: string) => void onChainChanged(h));
    p.on?.('accountsChanged', (accs: Address[]) => {
      S.account = accs.length ? getAddress(accs[0]) : null;
      S.walletClient = S.account ? createWalletClient({ account: S.account, chain: S.chain, transport: custom(w.provider) }) : null;
      void refresh();
    });
    progress('confirmed', `connected ${S.account} with ${w.info.name}`);
    log(`connected ${S.account} (${w.info.name})`);
    renderChainBanner();
    await refresh();
  } catch (e) {
    failed('connect', e);
  }
}

function renderWallets(list: Discovered[]) {
  const el = $('wallet-list');
  el.innerHTML = '';
  if (list.length > 1) {
    for (const w of list) {
      const b = document.createElement('button');
      b.className = 'secondary';
      b.textContent = w.info.name;
      b.title = `Connect ${w.info.name} (${w.info.rdns})`;
      b.onclick = () => void connect(w);
      el.append(b);
    }
  }
}

// ------------------------------------------------------------------ transactions
type Call = { address: Address; abi: readonly unknown[]; functionName: string; args?: readonly unknown[]; value?: bigint };

/** Simulates (a doomed call is named and nothing is sent), asks the wallet, and follows it to its receipt. */
async function send(label: string, call: Call): Promise<TransactionReceipt | null> {
  if (!walletReady()) return null;
  const req = { ...call, account: S.account! } as never;
  progress('pending', `${label}: checking…`);
  let gas: bigint;
  try {
    await S.client.simulateContract(req);
    // Stylus gas depends on the ink price: a margin over the estimate (as the atelier CLI does).
    gas = ((await S.client.estimateContractGas(req)) * 12n) / 10n + 10_000n;
  } catch (e) {
    failed(label, e, ' (nothing was sent)');
    return null;
  }
  progress('pending', `${label}: confirm in your wallet…`);
  let hash: Hex;
  try {
    hash = await S.walletClient!.writeContract({ ...(call as object), account: S.account!, chain: S.chain, gas } as never);
  } catch (e) {
    failed(label, e);
    return null;
  }
  progress('pending', `${label}: pending ${hash}`);
  const rc = await S.client.waitForTransactionReceipt({ hash, pollingInterval: 250 });
  if (rc.status !== 'success') {
    let why: unknown = new Error('the transaction reverted');
    try {
      await S.client.simulateContract(req);
    } catch (e) {
      why = e;
    }
    failed(`${label} (${hash.slice(0, 10)}…, block ${rc.blockNumber})`, why);
    await refresh();
    return null;
  }
  const msg = `${label}: confirmed in block ${rc.blockNumber}, gas ${rc.gasUsed.toLocaleString('en-US')} (${hash.slice(0, 10)}…)`;
  progress('confirmed', msg);
  log(msg, 'ok');
  await refresh();
  return rc;
}

async function chainNow(): Promise<bigint> {
  return (await S.client.getBlock()).timestamp;
}

// ------------------------------------------------------------------ overview
function card(title: string, big: string, lines: string[] = []) {
  return `<div class="card"><h4>${esc(title)}</h4><div class="big">${big}</div>${lines.map((l) => `<p>${l}</p>`).join('')}</div>`;
}

function renderHeader() {
  const s = S.snap;
  $('network').textContent = `${S.chain.name} (${S.chainId})${s ? ` · block ${s.block} · chain time ${fmtTime(s.now)}` : ''}${S.account ? '' : ' · read-only'}`;
  $('connect').textContent = S.account ? shortAddr(S.account) : 'Connect wallet';
}

function renderOverview(s: Snapshot) {
  const days = scheduleDays(s.spot, s.p0, s.premium, s.decay);
  const [reserve, buyback, acquisition, rewards] = s.buckets;
  const r = s.round;
  const roundText = r.open
    ? `round ${r.id} live: bid ${fmtEth(r.bid)} / share`
    : r.id > 0n ? `round ${r.id} closed` : 'no round yet';
  $('overview').innerHTML = [
    card('Sale', `${fmtEth(s.spot)} / share`, [
      `next share ${fmtEth(s.next)}`,
      `premium ×${fmtAmount(s.premium, 3)}`,
      `<span id="schedule">${fmtSchedule(days)}</span>`,
    ]),
    card('Supply', fmtShares(s.supply, 2), [`${fmtShares(s.sold, 2)} sold by the sale`, `cap ${fmtShares(s.maxSupply, 0)}`]),
    card('Treasury', fmtEth(s.treasuryEth, 4), [
      `reserve ${fmtEth(reserve, 4)}`, `buyback ${fmtEth(buyback, 4)}`, `acquisition ${fmtEth(acquisition, 4)}`, `rewards ${fmtEth(rewards, 4)}`,
    ]),
    card('Buyback', roundText, r.id > 0n ? [
      `${fmtEth(r.spent, 4)} of ${fmtEth(r.budget, 4)} spent`,
      `${r.open ? 'ends' : 'ended'} ${fmtWhen(r.end, s.now)}`,
    ] : []),
    card('Upkeep', s.upkeepDue ? 'due now' : `next ${fmtWhen(s.nextUpkeep, s.now)}`, s.upkeepDue ? ['anyone may run it'] : [fmtTime(s.nextUpkeep)]),
    card('Creative direction', s.direction[0] === `0x${'0'.repeat(64)}` ? 'none yet' : esc(fmtB32(s.direction[0])), s.direction[2] ? [esc(s.direction[2])] : []),
    card('Curation', `${s.seeds.length} seeds`, [`${fmtShares(s.totalStaked, 2)} staked`, `half-life ${fmtDuration(s.halfLife)}`]),
  ].join('');

  const me = s.me;
  $('you').innerHTML = me
    ? `<h2>You</h2><table><tr><th>address</th><td>${me.address}</td></tr>
       <tr><th>ETH</th><td id="my-eth">${fmtEth(me.eth, 4)}</td></tr>
       <tr><th>shares</th><td id="my-shares">${fmtShares(me.shares)}</td></tr>
       <tr><th>votes</th><td id="my-votes">${fmtAmount(me.votes, 4)} (delegate: ${me.delegate === zeroAddress ? 'none — delegate to vote' : me.delegate.toLowerCase() === me.address.toLowerCase() ? 'yourself' : me.delegate})</td></tr>
       <tr><th>staked</th><td id="my-staked">${fmtShares(me.staked)}</td></tr>
       <tr><th>rewards to claim</th><td id="my-earned">${fmtEth(me.earned)}</td></tr>
       <tr><th>steward tokens</th><td>${me.stewardTokens.length ? me.stewardTokens.map((t) => `#${t}`).join(', ') : 'none'}</td></tr></table>`
    : '<h2>You</h2><p class="muted">Read-only: connect a wallet to see your balances, votes, stakes and rewards.</p>';

  $('seeds').innerHTML = s.seeds.length
    ? `<table><tr><th>#</th><th>seed</th><th>model</th><th>conviction</th><th>stake</th><th>yours</th><th>uri</th></tr>${s.seeds.map((x) =>
      `<tr><td>${x.id}</td><td>${esc(fmtB32(x.seed))}</td><td>${esc(fmtB32(x.modelId))}</td><td class="num">${fmtAmount(x.conviction, 2)}</td><td class="num">${fmtAmount(x.stake, 2)}</td><td class="num">${fmtAmount(x.mine, 2)}</td><td>${esc(x.uri)}</td></tr>`).join('')}</table>`
    : '<p class="muted">No seed registered.</p>';

  $('artworks').innerHTML = s.artworks.length
    ? `<table><tr><th>#</th><th>provenance</th><th>artist</th><th>content</th><th>status</th><th></th></tr>${s.artworks.map((w) => {
      const status = !w.held ? 'left the vault' : w.lockedUntil > BigInt(s.now) ? `locked until ${fmtTime(w.lockedUntil)}` : 'in custody';
      const redeem = w.held && w.shares > 0n
        ? `<button data-redeem="${w.id}">Redeem</button><br><span class="muted">burns ${fmtAmount(w.claim, 2)} + fee ${fmtAmount(w.fee, 2)} shares</span>` : '';
      return `<tr><td>${w.id}</td><td>seed ${esc(fmtB32(w.seed))}<br>model ${esc(fmtB32(w.modelId))}<br>prompt ${w.promptHash.slice(0, 10)}…<br>token ${w.tokenId} of ${shortAddr(w.collection)}</td>
        <td>${shortAddr(w.artist)}</td><td>${esc(w.uri)}</td><td>${status}${w.steward ? `<br>steward ${shortAddr(w.steward)}` : ''}</td><td>${redeem}</td></tr>`;
    }).join('')}</table>`
    : '<p class="muted">No artwork yet.</p>';
  document.querySelectorAll<HTMLButtonElement>('[data-redeem]').forEach((b) => (b.onclick = () => void act(() => redeem(BigInt(b.dataset.redeem!)))));

  $('proposals').innerHTML = s.proposals.length
    ? `<table><tr><th>proposal</th><th>state</th><th>for / against / abstain</th><th>deadlines</th><th></th></tr>${s.proposals.map((p) => {
      const st = stateName(p.state);
      const when = p.state === 0 ? `voting ${fmtWhen(p.voteStart, s.now)}` : p.state === 1 ? `voting ends ${fmtWhen(p.voteEnd, s.now)}`
        : p.state === 4 ? `queue by ${fmtTime(p.expires)}` : p.state === 5 ? `executable ${fmtWhen(p.eta, s.now)}, until ${fmtTime(p.expires)}` : '';
      let act = '';
      if (p.state === 1) act = p.voted ? '<span class="muted">you voted</span>' : `<span class="vote"><input data-reason="${p.id}" placeholder="reason (optional)"> <button data-vote="${p.id}" data-support="1">For</button> <button data-vote="${p.id}" data-support="0" class="secondary">Against</button> <button data-vote="${p.id}" data-support="2" class="secondary">Abstain</button></span>`;
      if (p.state === 4) act = `<button data-queue="${p.id}">Queue</button>`;
      if (p.state === 5) act = `<button data-execute="${p.id}">Execute</button>${s.me?.stewardTokens.length ? ` <button data-veto="${p.id}" class="secondary">Veto</button>` : ''}`;
      const actions = p.actions.map((a) => kindName(a[0])).join(', ');
      return `<tr data-proposal="${p.id}"><td><b>${esc(p.description)}</b><br><span class="muted">${actions} · by ${shortAddr(p.proposer)} · id ${p.id.toString().slice(0, 12)}…</span></td>
        <td class="state">${st}</td><td class="num">${fmtAmount(p.for, 2)} / ${fmtAmount(p.against, 2)} / ${fmtAmount(p.abstain, 2)}</td><td>${when}</td><td>${act}</td></tr>`;
    }).join('')}</table>`
    : '<p class="muted">No proposal yet.</p>';
  document.querySelectorAll<HTMLButtonElement>('[data-vote]').forEach((b) => (b.onclick = () => void act(() => vote(BigInt(b.dataset.vote!), Number(b.dataset.support)))));
  document.querySelectorAll<HTMLButtonElement>('[data-queue]').forEach((b) => (b.onclick = () => void act(() => queue(BigInt(b.dataset.queue!)))));
  document.querySelectorAll<HTMLButtonElement>('[data-execute]').forEach((b) => (b.onclick = () => void act(() => execute(BigInt(b.dataset.execute!)))));
  document.querySelectorAll<HTMLButtonElement>('[data-veto]').forEach((b) => (b.onclick = () => void act(() => veto(BigInt(b.dataset.veto!)))));
}

let refreshing: Promise<void> | null = null;
async function refresh(): Promise<void> {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const s = await S.reader.snapshot(S.account);
      S.snap = s;
      renderHeader();
      renderOverview(s);
      const [sales, fills, conv] = await Promise.all([S.reader.sales(), S.reader.fills(), S.reader.convictionSeries()]);
      priceChart(s, sales);
      bidChart(s, fills);
      convictionChart(s, conv);
      $('updated').textContent = `updated at block ${s.block}`;
      void updatePreviews();
    } catch (e) {
      progress('failed', `reading the collective failed — ${explainError(e)}`);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ------------------------------------------------------------------ actions
const form = (id: string) => $(id) as HTMLFormElement;
const val = (f: HTMLFormElement, name: string) => ((f.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
const preview = (name: string, html: string) => {
  const el = document.querySelector<HTMLElement>(`.preview[data-for="${name}"]`);
  if (el) el.innerHTML = html;
};
const deadlineOf = async (f: HTMLFormElement) => (await chainNow()) + BigInt(Math.max(1, Number(val(f, 'deadline')) || 20) * 60);

async function previewBuy() {
  const f = form('f-buy');
  try {
    const shares = parseAmount(val(f, 'shares'), 'shares');
    const bps = parsePercentBps(val(f, 'slippage'));
    if (shares === 0n) return preview('buy', 'Enter a number of shares.');
    const s = S.snap;
    if (s && shares > s.maxSupply - s.supply) return preview('buy', `<span class="bad">past the supply cap: ${fmtShares(s.maxSupply - s.supply)} left</span>`);
    const quote = await S.client.readContract({ address: S.a.token, abi: A.FractionToken, functionName: 'quoteBuy', args: [shares] });
    preview('buy', `quote ${fmtEth(quote)} (${fmtEth((quote * UNIT) / shares)} / share); you pay at most ${fmtEth(withSlippageUp(quote, bps))}, the rest is refunded; valid for ${val(f, 'deadline') || 20} min of chain time`);
  } catch (e) {
    preview('buy', `<span class="bad">${esc(explainError(e))}</span>`);
  }
}

async function buy(f: HTMLFormElement) {
  let shares: bigint, bps: number;
  try {
    shares = parseAmount(val(f, 'shares'), 'shares');
    bps = parsePercentBps(val(f, 'slippage'));
  } catch (e) {
    return failed('buy', e);
  }
  if (!walletReady()) return;
  const quote = await S.client.readContract({ address: S.a.token, abi: A.FractionToken, functionName: 'quoteBuy', args: [shares] });
  const maxCost = withSlippageUp(quote, bps);
  await send(`buy ${fmtShares(shares)} (quote ${fmtEth(quote)}, at most ${fmtEth(maxCost)})`, {
    address: S.a.token, abi: A.FractionToken, functionName: 'buy', args: [shares, maxCost, await deadlineOf(f)], value: maxCost,
  });
}

async function previewSell() {
  const f = form('f-sell');
  const s = S.snap;
  if (!s) return;
  if (!s.round.open) return preview('sell', 'No live buyback round (an upkeep opens one when the buyback bucket holds enough).');
  try {
    const shares = parseAmount(val(f, 'shares'), 'shares');
    const bps = parsePercentBps(val(f, 'slippage'));
    const left = s.round.budget - s.round.spent;
    preview('sell', `bid now ${fmtEth(s.round.bid)} / share (rising to the cap until ${fmtTime(s.round.end)}); you get ≈ ${fmtEth((shares * s.round.bid) / UNIT)}; minimum price ${fmtEth(withSlippageDown(s.round.bid, bps))}; ${fmtEth(left, 4)} left in the round`);
  } catch (e) {
    preview('sell', `<span class="bad">${esc(explainError(e))}</span>`);
  }
}

async function sell(f: HTMLFormElement) {
  let shares: bigint, bps: number;
  try {
    shares = parseAmount(val(f, 'shares'), 'shares');
    bps = parsePercentBps(val(f, 'slippage'));
  } catch (e) {
    return failed('sell', e);
  }
  if (!walletReady()) return;
  const bid = await S.client.readContract({ address: S.a.treasury, abi: A.Treasury, functionName: 'currentBid' });
  const minPrice = withSlippageDown(bid, bps);
  // One transaction: the token lets the treasury burn its caller's shares (no approval).
  await send(`sell ${fmtShares(shares)} into the buyback (at least ${fmtEth(minPrice)} / share)`, {
    address: S.a.treasury, abi: A.Treasury, functionName: 'sellToTreasury', args: [shares, minPrice, await deadlineOf(f)],
  });
}

function previewDelegate() {
  const s = S.snap;
  const to = val(form('f-delegate'), 'to');
  if (!s?.me) return preview('delegate', 'Shares vote once delegated (to yourself or someone you trust).');
  preview('delegate', `${fmtShares(s.me.shares)} would vote through ${to && isAddress(to) ? shortAddr(to) : 'yourself'}; you have ${fmtAmount(s.me.votes, 4)} votes now`);
}

async function delegate(f: HTMLFormElement) {
  if (!walletReady()) return;
  const raw = val(f, 'to');
  if (raw && !isAddress(raw)) return failed('delegate', new Error(`"${raw}" is not an address`));
  const to = raw ? getAddress(raw) : S.account!;
  await send(`delegate to ${to === S.account ? 'yourself' : to}`, { address: S.a.token, abi: A.FractionToken, functionName: 'delegate', args: [to] });
}

async function previewStake() {
  const f = form('f-stake');
  const s = S.snap;
  if (!s) return;
  try {
    const id = BigInt(val(f, 'seed') || '0');
    const seed = s.seeds.find((x) => x.id === id);
    if (!seed) return preview('stake', `<span class="bad">no seed ${id} (seeds 1..${s.seeds.length})</span>`);
    let line = `seed ${id} (${esc(fmtB32(seed.seed))}): stake ${fmtAmount(seed.stake, 2)}, conviction ${fmtAmount(seed.conviction, 2)}; yours ${fmtAmount(seed.mine, 2)}`;
    if (s.me) {
      const at = await S.client.readContract({ address: S.a.registry, abi: A.CurationRegistry, functionName: 'unstakeAvailableAt', args: [s.me.address, id] });
      if (seed.mine > 0n) line += at > BigInt(s.now) ? `; unstakable ${fmtWhen(at, s.now)}` : '; unstakable now';
      line += `; rewards to claim ${fmtEth(s.me.earned)}`;
    }
    preview('stake', line);
  } catch (e) {
    preview('stake', `<span class="bad">${esc(explainError(e))}</span>`);
  }
}

async function stake(f: HTMLFormElement, op: string) {
  let id: bigint, shares: bigint;
  try {
    id = BigInt(val(f, 'seed'));
    shares = parseAmount(val(f, 'shares'), 'shares');
  } catch (e) {
    return failed(op, e);
  }
  const call: Call = { address: S.a.registry, abi: A.CurationRegistry, functionName: op, args: [id, shares] };
  const label = `${op} ${fmtShares(shares)} on seed ${id}`;
  // Staking locks the shares in place in the token: no approval.
  await send(label, call);
}

async function claim() {
  await send('claim staking rewards', { address: S.a.registry, abi: A.CurationRegistry, functionName: 'claim' });
}

function previewSeed() {
  const f = form('f-seed');
  const s = S.snap;
  const seed = val(f, 'seed');
  preview('seed', seed
    ? `seed ${parseB32(seed).slice(0, 10)}…${b32Text(parseB32(seed)) ? '' : ' (text hashed with keccak256)'}; at least ${s ? fmtShares(s.minSeedStake, 2) : '?'} staked`
    : `Needs an initial stake of at least ${s ? fmtShares(s.minSeedStake, 2) : '?'}.`);
}

async function registerSeed(f: HTMLFormElement) {
  let stakeAmt: bigint;
  try {
    stakeAmt = parseAmount(val(f, 'stake'), 'initial stake');
  } catch (e) {
    return failed('register seed', e);
  }
  const seed = val(f, 'seed');
  if (!seed) return failed('register seed', new Error('give the seed'));
  await send(`register seed "${seed}"`, {
    address: S.a.registry, abi: A.CurationRegistry, functionName: 'registerSeed',
    args: [parseB32(seed), parseB32(val(f, 'model') || 'model'), parseB32(val(f, 'prompt') || 'prompt'), val(f, 'uri'), stakeAmt],
  });
}

function renderKindFields() {
  const f = form('f-propose');
  const kind = Number(val(f, 'kind'));
  f.querySelector('.kind-fields')!.innerHTML = KIND_FIELDS[kind]
    .map(([n, label, ph]) => `<label>${label} <input name="${n}" placeholder="${esc(ph)}" value="${n === 'model' || n === 'prompt' ? esc(ph) : ''}"></label>`).join('');
  f.querySelectorAll('input').forEach((i) => i.addEventListener('input', () => void previewPropose()));
}

function buildAction(f: HTMLFormElement): Action {
  const kind = Number(val(f, 'kind'));
  const fields = Object.fromEntries(KIND_FIELDS[kind]?.map(([n]) => [n, val(f, n)]) ?? []);
  return actionOf(kind, fields, BigInt(S.snap?.now ?? Math.floor(Date.now() / 1000)), { token: S.a.token, registry: S.a.registry, treasury: S.a.treasury, vault: S.a.vault });
}

async function previewPropose() {
  const f = form('f-propose');
  try {
    const action = buildAction(f);
    const d = val(f, 'description');
    if (!d) return preview('propose', 'Give the proposal a description.');
    if (!S.account) return preview('propose', `${kindName(action[0])}; connect a wallet to see its id`);
    const id = await S.client.readContract({ address: S.a.governor, abi: A.ArtGovernor, functionName: 'hashProposal', args: [[action], descriptionHash(d), S.account] });
    preview('propose', `${kindName(action[0])}; proposal id ${id.toString().slice(0, 16)}…; your votes ${fmtAmount(S.snap?.me?.votes ?? 0n, 2)}`);
  } catch (e) {
    preview('propose', `<span class="bad">${esc(explainError(e))}</span>`);
  }
}

async function propose(f: HTMLFormElement) {
  let action: Action;
  try {
    action = buildAction(f);
  } catch (e) {
    return failed('propose', e);
  }
  const d = val(f, 'description');
  if (!d) return failed('propose', new Error('give the proposal a description'));
  await send(`propose "${d}" (${kindName(action[0])})`, { address: S.a.governor, abi: A.ArtGovernor, functionName: 'propose', args: [[action], d] });
}

async function vote(id: bigint, support: number) {
  const reason = (document.querySelector<HTMLInputElement>(`[data-reason="${id}"]`)?.value ?? '').trim();
  await send(`vote ${['against', 'for', 'abstain'][support]} on ${id.toString().slice(0, 10)}…${reason ? ` ("${reason}")` : ''}`, {
    address: S.a.governor, abi: A.ArtGovernor, functionName: 'castVoteWithReason', args: [id, support, reason],
  });
}

async function queue(id: bigint) {
  await send(`queue ${id.toString().slice(0, 10)}…`, { address: S.a.governor, abi: A.ArtGovernor, functionName: 'queue', args: [id] });
}

async function execute(id: bigint) {
  const p = S.snap?.proposals.find((x) => x.id === id);
  if (!p) return failed('execute', new Error('no ProposalCreated event for this proposal'));
  await send(`execute "${p.description}"`, {
    address: S.a.governor, abi: A.ArtGovernor, functionName: 'execute', args: [p.actions, descriptionHash(p.description), p.proposer],
  });
}

/** Vetoes with each steward token the user holds, until the proposal is Vetoed (a majority of the tokens). */
async function veto(id: bigint) {
  const g = { address: S.a.governor, abi: A.ArtGovernor } as const;
  const tokens = S.snap?.me?.stewardTokens ?? [];
  if (!tokens.length) return failed('veto', new Error('you hold no steward token'));
  for (const t of tokens) {
    const [done, state] = await Promise.all([
      S.client.readContract({ ...g, functionName: 'hasVetoed', args: [id, t] }),
      S.client.readContract({ ...g, functionName: 'state', args: [id] }),
    ]);
    if (state !== 5) break;
    if (done) continue;
    if (!(await send(`veto ${id.toString().slice(0, 10)}… with steward token ${t}`, { ...g, functionName: 'veto', args: [id, t] }))) return;
  }
}

async function redeem(id: bigint) {
  const w = S.snap?.artworks.find((x) => x.id === id);
  if (!w) return;
  // One transaction: the token lets the vault burn its caller's shares (no approval).
  await send(`redeem artwork ${id} (burns ${fmtShares(w.claim, 2)} + fee ${fmtShares(w.fee, 2)})`, {
    address: S.a.vault, abi: A.ArtVault, functionName: 'redeem', args: [id],
  });
}

async function previewLicense() {
  const f = form('f-license');
  try {
    const id = BigInt(val(f, 'id') || '0');
    const l = await S.reader.license(id);
    preview('license', `license ${id}: artwork ${l[0]}, licensee ${shortAddr(l[1])}, fee ${fmtEth(l[3])}, ${l[4] ? 'active' : 'not yet active'}`);
  } catch (e) {
    preview('license', `<span class="muted">no such license yet — ${esc(explainError(e))}</span>`);
  }
}

async function activateLicense(f: HTMLFormElement) {
  try {
    const id = BigInt(val(f, 'id'));
    const l = await S.reader.license(id);
    await send(`activate license ${id} (fee ${fmtEth(l[3])})`, { address: S.a.governor, abi: A.ArtGovernor, functionName: 'activateLicense', args: [id], value: l[3] });
  } catch (e) {
    failed('activate license', e);
  }
}

function previewUpkeep() {
  const s = S.snap;
  if (!s) return;
  preview('upkeep', s.upkeepDue ? 'Due now: streams rewards, closes an ended round and opens a buyback round when funded. Anyone may run it.' : `Not due: next ${fmtWhen(s.nextUpkeep, s.now)}.`);
}

async function upkeep() {
  await send('upkeep (performUpkeep)', { address: S.a.treasury, abi: A.Treasury, functionName: 'performUpkeep', args: ['0x'] });
}

async function updatePreviews() {
  await Promise.all([previewBuy(), previewSell(), previewStake(), previewPropose(), previewLicense()]);
  previewDelegate();
  previewSeed();
  previewUpkeep();
}

/** Runs one user action (one transaction); the page is busy meanwhile. */
async function act(fn: () => Promise<unknown> | unknown) {
  const p = $('progress');
  p.dataset.busy = '1';
  try {
    await fn();
  } catch (e) {
    failed('action', e);
  } finally {
    delete p.dataset.busy;
  }
}

function wireForms() {
  const on = (id: string, fn: (f: HTMLFormElement, submitter: HTMLButtonElement | null) => Promise<void> | void, pv?: () => unknown) => {
    const f = form(id);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void act(() => fn(f, (ev as SubmitEvent).submitter as HTMLButtonElement | null));
    });
    if (pv) f.addEventListener('input', () => void pv());
  };
  on('f-buy', buy, previewBuy);
  on('f-sell', sell, previewSell);
  on('f-delegate', delegate, previewDelegate);
  on('f-stake', (f, b) => stake(f, b?.value === 'unstake' ? 'unstake' : 'stake'), previewStake);
  on('f-seed', registerSeed, previewSeed);
  on('f-propose', propose, previewPropose);
  on('f-license', activateLicense, previewLicense);
  on('f-upkeep', upkeep);
  $('claim').onclick = () => void act(claim);
  form('f-propose').querySelector('select[name="kind"]')!.addEventListener('change', () => {
    renderKindFields();
    void previewPropose();
  });
  renderKindFields();
  $('refresh').onclick = () => void refresh();
}

/** The network picker: the chains the app knows; another one reloads the page on it (?chain=ID). */
function renderChainPicker(chainId: number) {
  const sel = $('chain-select') as HTMLSelectElement;
  const ids = [...new Set([chainId, ...Object.keys(CHAINS).map(Number)])];
  sel.innerHTML = ids.map((id) => `<option value="${id}"${id === chainId ? ' selected' : ''}>${esc(CHAINS[id]?.name ?? `chain ${id}`)}</option>`).join('');
  sel.onchange = () => {
    const q = new URLSearchParams(location.search);
    q.set('chain', sel.value);
    q.delete('rpc');
    location.search = q.toString();
  };
}

// ------------------------------------------------------------------ start
async function start() {
  const { chainId, rpcUrl } = await loadConfig();
  const chain = chainWithRpc(chainId, rpcUrl);
  renderChainPicker(chainId);
  let deployment: Deployment;
  try {
    deployment = await loadDeployment(chainId);
  } catch (e) {
    progress('failed', explainError(e));
    $('network').textContent = `${chain.name} (${chainId})`;
    return;
  }
  const a = addressesOf(deployment);
  const client = makeClient(chainId, rpcUrl);
  S = { chainId, rpcUrl, chain, client, a, reader: new Reader(client, a, BigInt(deployment.startBlock ?? 0)), wallet: null, walletClient: null, account: null, walletChainId: null, snap: null };
  wireForms();
  const found = discoverWallets(renderWallets);
  $('connect').onclick = () => {
    if (S.account) return;
    const w = found[0] ?? injectedFallback();
    if (!w) return progress('failed', 'No wallet found (EIP-6963 or window.ethereum): the app stays read-only.');
    void connect(w);
  };
  await refresh();
  $('collective-name').textContent = S.snap?.tokenName ?? '';
  setInterval(() => void refresh(), 15_000);
}

void start();
