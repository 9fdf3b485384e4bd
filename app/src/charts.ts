// The three charts (uPlot): the sale price against the schedule, the buyback bid across
// the round, conviction per seed over time.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { bidAt, convictionAfter, wadToFloat } from './format';
import type { Snapshot } from './data';

const plots = new Map<string, uPlot>();
/** Axis ticks with three significant digits (prices are small numbers of ETH). */
const sig = (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(3)).toString()));
const COLORS = ['#4b3fc4', '#d9822b', '#1b7a1b', '#b3261e', '#2a8fbd', '#8e44ad', '#7f8c8d'];

function draw(id: string, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, note?: string) {
  const el = document.getElementById(id)!;
  plots.get(id)?.destroy();
  plots.delete(id);
  el.innerHTML = '';
  if (note) {
    el.innerHTML = `<p class="muted">${note}</p>`;
    return;
  }
  const width = Math.max(300, el.clientWidth || 380);
  plots.set(id, new uPlot({ ...opts, width, height: 220 }, data, el));
}

export interface Sale { time: number; shares: bigint; cost: bigint; spotAfter: bigint }

/** Spot price after each purchase against the schedule's price (p0 x premium), and sold against the target sold. */
export function priceChart(s: Snapshot, sales: Sale[]) {
  document.getElementById('chart-price')!.dataset.sales = String(sales.length);
  if (!sales.length) return draw('chart-price', { series: [] }, [[]], 'No purchase yet: the price sits on the schedule at p0 × premium.');
  const target = wadToFloat(s.p0) * wadToFloat(s.premium);
  const rate = wadToFloat(s.targetRate);
  const start = Number(s.saleStart);
  const xs: number[] = [], spot: number[] = [], tgt: number[] = [], sold: number[] = [], sched: number[] = [];
  const at = (t: number) => Math.max(0, ((t - start) / 86_400) * rate);
  // From the sale's start (on the schedule's price), through each purchase, to now.
  // The series may be the latest purchases only: sold counts from what came before them.
  let cum = Math.max(0, wadToFloat(s.sold) - sales.reduce((n, b) => n + wadToFloat(b.shares), 0));
  const first = cum > 0 ? sales[0].time - 1 : Math.min(start, sales[0].time);
  xs.push(first); spot.push(cum > 0 ? wadToFloat(sales[0].spotAfter) : target); tgt.push(target); sold.push(cum); sched.push(at(first));
  for (const b of sales) {
    cum += wadToFloat(b.shares);
    // One point per second: several purchases in one second keep the last.
    if (b.time === xs[xs.length - 1]) { xs.pop(); spot.pop(); tgt.pop(); sold.pop(); sched.pop(); }
    xs.push(b.time); spot.push(wadToFloat(b.spotAfter)); tgt.push(target); sold.push(cum); sched.push(at(b.time));
  }
  const end = Math.max(s.now, xs[xs.length - 1] + 60);
  xs.push(end); spot.push(wadToFloat(s.spot)); tgt.push(target); sold.push(cum); sched.push(at(end));
  draw('chart-price', {
    scales: { x: { time: true }, eth: { auto: true }, shares: { auto: true } },
    series: [
      {},
      { label: 'spot (ETH)', scale: 'eth', stroke: COLORS[0], width: 2, points: { show: true } },
      { label: 'schedule price (ETH)', scale: 'eth', stroke: COLORS[1], dash: [6, 4] },
      { label: 'sold (shares)', scale: 'shares', stroke: COLORS[2] },
      { label: 'target sold', scale: 'shares', stroke: COLORS[4], dash: [4, 4] },
    ],
    axes: [{}, { scale: 'eth', size: 60, values: sig }, { scale: 'shares', side: 1, grid: { show: false }, values: sig }],
  }, [xs, spot, tgt, sold, sched]);
}

export interface Fill { time: number; shares: bigint; paid: bigint }

/** The round's bid from its floor to its cap, with now and the fills. */
export function bidChart(s: Snapshot, fills: Fill[]) {
  const r = s.round;
  if (r.id === 0n) return draw('chart-bid', { series: [] }, [[]], 'No buyback round yet: an upkeep opens one when the buyback bucket holds enough.');
  const start = Number(r.start), end = Number(r.end);
  const n = 24;
  const xs: number[] = [], bid: number[] = [], now: (number | null)[] = [], fill: (number | null)[] = [];
  const points = new Set<number>();
  for (let i = 0; i <= n; i++) points.add(Math.round(start + ((end - start) * i) / n));
  if (s.now >= start && s.now <= end) points.add(s.now);
  const inRound = fills.filter((f) => f.time >= start && f.time <= end);
  for (const f of inRound) points.add(f.time);
  for (const t of [...points].sort((a, b) => a - b)) {
    xs.push(t);
    bid.push(wadToFloat(bidAt(r.ref, r.floorBps, r.capBps, r.start, r.end, BigInt(t))));
    now.push(t === s.now ? wadToFloat(bidAt(r.ref, r.floorBps, r.capBps, r.start, r.end, BigInt(t))) : null);
    const f = inRound.find((x) => x.time === t);
    fill.push(f && f.shares > 0n ? Number(f.paid) / Number(f.shares) : null);
  }
  draw('chart-bid', {
    scales: { x: { time: true } },
    series: [
      {},
      { label: `round ${r.id} bid (ETH/share)`, stroke: COLORS[0], width: 2 },
      { label: 'now', stroke: COLORS[3], points: { show: true, size: 9 }, width: 0 },
      { label: 'fills', stroke: COLORS[2], points: { show: true, size: 7 }, width: 0 },
    ],
    axes: [{}, { size: 70, values: sig }],
  }, [xs, bid, now, fill]);
}

export interface ConvictionPoint { time: number; seedId: bigint; conviction: bigint; stake: bigint }

/** Conviction of each seed: its updates, decaying toward the stake (half-life) between them and up to now. */
export function convictionChart(s: Snapshot, points: ConvictionPoint[]) {
  if (!points.length) return draw('chart-conviction', { series: [] }, [[]], 'No stake yet.');
  const half = Number(s.halfLife);
  const seeds = [...new Set(points.map((p) => p.seedId))].sort((a, b) => Number(a - b));
  const t0 = Math.min(...points.map((p) => p.time));
  const t1 = Math.max(s.now, t0 + 1);
  const steps = 48;
  const xs = new Set<number>();
  for (let i = 0; i <= steps; i++) xs.add(Math.round(t0 + ((t1 - t0) * i) / steps));
  for (const p of points) xs.add(p.time);
  const times = [...xs].sort((a, b) => a - b);
  const series: (number | null)[][] = seeds.map((id) => {
    const mine = points.filter((p) => p.seedId === id);
    return times.map((t) => {
      const last = [...mine].reverse().find((p) => p.time <= t);
      if (!last) return null;
      return convictionAfter(wadToFloat(last.conviction), wadToFloat(last.stake), t - last.time, half);
    });
  });
  draw('chart-conviction', {
    scales: { x: { time: true } },
    series: [{}, ...seeds.map((id, i) => ({ label: `seed ${id}`, stroke: COLORS[i % COLORS.length], width: 2 }))],
    axes: [{}, { size: 60, values: sig }],
  }, [times, ...series] as uPlot.AlignedData);
}
