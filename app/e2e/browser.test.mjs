// End to end in a real browser: Debian's chromium driven by playwright-core, against the
// dev chain with a deployed collective. A test wallet backed by a dev key (e2e/wallet.mjs)
// walks a user through connect (wrong chain first), buy with slippage, delegate, stake,
// a revert named by the page, upkeep and a sale into the buyback (one transaction),
// propose, vote with a reason, queue and execute after evm_increaseTime, veto, and
// redeem, asserting on the page's text after each step.
//
//   scripts/app-test                 # builds what it needs, then runs this file
//   APP_SCREENSHOTS=app/screenshots  # where the two screenshots go (default: a temp dir)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { startDevnet, deploy, dress, increaseTime, KEYS } from './world.mjs';
import { TestWallet } from './wallet.mjs';
import { startServer } from '../serve.mjs';

const CHROMIUM = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const shots = process.env.APP_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'atelier-shots-'));
let chain, server, browser, page, wallet;
const t0 = Date.now();
const stamp = (what) => console.log(`# ${what} at ${((Date.now() - t0) / 1000).toFixed(1)}s`);

before(async () => {
  assert.ok(CHROMIUM, 'chromium is not installed (scripts/setup installs Debian\'s chromium)');
  chain = await startDevnet();
  const { file, deployment } = deploy(chain.url);
  stamp('deployed');
  await dress(chain.url, deployment);
  stamp('dressed');
  server = await startServer({ chainId: 412346, rpcUrl: chain.url, deployment: file });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  wallet = new TestWallet(chain.url, KEYS.curator);
  await wallet.install(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
  chain?.stop();
  stamp('done');
});

const text = (sel) => page.textContent(sel);
/** Waits for the progress line to end (confirmed or failed) and returns it; fails on the unexpected. */
async function outcome(want = 'confirmed', timeout = 60_000) {
  // The action's last step (its one transaction).
  await page.waitForFunction(() => {
    const p = document.getElementById('progress');
    return !p.dataset.busy && /confirmed|failed/.test(p.className);
  }, null, { timeout });
  const cls = await page.getAttribute('#progress', 'class');
  const line = await text('#progress');
  assert.ok(cls.includes(want), `expected ${want}, the page says: ${line}`);
  return line;
}
/** Polls the text of `sel` (any Playwright selector) until it matches `re`. */
async function waitText(sel, re, timeout = 30_000) {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = (await page.locator(sel).first().textContent({ timeout }).catch(() => '')) ?? '';
    if (re.test(last)) return last;
    if (Date.now() > end) assert.fail(`${sel} never matched ${re}; it says: ${last}`);
    await page.waitForTimeout(100);
  }
}
async function submit(form, button = 'button[type=submit]') {
  await page.evaluate(() => { const p = document.getElementById('progress'); p.className = 'progress idle'; });
  await page.click(`#${form} ${button}`);
}
async function fill(form, values) {
  for (const [name, v] of Object.entries(values)) await page.fill(`#${form} [name=${name}]`, v);
}
const row = (desc) => `#proposals tr:has-text("${desc}")`;
async function refresh() {
  await page.evaluate(() => { document.getElementById('updated').textContent = ''; });
  await page.click('#refresh');
  await waitText('#updated', /updated at block/);
}

test('a wallet user in a real browser', async (t) => {
  await t.test('read-only: the overview without a wallet', async () => {
    await page.goto(server.url);
    await waitText('#overview', /Supply/);
    const o = await text('#overview');
    assert.match(o, /3,100 shares/, 'genesis 3 x 1,000 + Alice\'s 100');
    assert.match(o, /100 shares sold by the sale/);
    assert.match(o, /ahead of schedule|behind schedule|on schedule/);
    assert.match(o, /reserve [\d.]+ ETH/);
    assert.match(o, /Upkeep\s*due now/i);
    assert.match(await text('#you'), /Read-only/);
    assert.match(await text('#artworks'), /ipfs:\/\/atelier-demo\/3/);
    assert.match(await text('#seeds'), /ipfs:\/\/atelier-demo\/1/);
    await page.waitForFunction(() => document.getElementById('chart-price').dataset.sales === '1');
    assert.ok(await page.locator('#chart-price canvas').count(), 'the price chart is drawn');
  });

  await t.test('connect: EIP-6963 wallet on the wrong chain, switched (added first)', async () => {
    await page.click('#connect');
    await waitText('#chain-banner', /Wrong network/);
    assert.match(await text('#chain-banner'), /on Ethereum|chain 1/);
    // An action while on the wrong chain is refused with a prompt, nothing sent.
    await submit('f-buy');
    assert.match(await outcome('failed'), /switch it to Atelier dev chain \(412346\)/);
    await page.click('#switch-chain');
    await waitText('#progress', /wallet on Atelier dev chain/);
    assert.ok(await page.isHidden('#chain-banner'));
    assert.equal(wallet.added?.chainId, '0x64aba', 'the app added the dev chain (wallet_addEthereumChain)');
    assert.deepEqual(wallet.calls.filter((m) => m.startsWith('wallet_')), ['wallet_switchEthereumChain', 'wallet_addEthereumChain', 'wallet_switchEthereumChain']);
    assert.match(await waitText('#you', /shares/), /3,000 shares/);
  });

  await t.test('buy 10 shares with 1% slippage; balance and chart update', async () => {
    await fill('f-buy', { shares: '10', slippage: '1', deadline: '20' });
    const quote = await waitText('.preview[data-for=buy]', /quote/);
    assert.match(quote, /you pay at most/);
    let release;
    wallet.hold = new Promise((r) => (release = r));
    await submit('f-buy');
    await waitText('#progress', /confirm in your wallet/);
    await page.evaluate(() => document.getElementById('f-buy').scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(shots, 'action-in-progress.png') });
    wallet.hold = null;
    release();
    assert.match(await outcome(), /buy 10 shares .* confirmed in block \d+, gas/);
    assert.match(await waitText('#my-shares', /3,010/), /3,010 shares/);
    await page.waitForFunction(() => document.getElementById('chart-price').dataset.sales === '2');
    assert.match(await text('#overview'), /110 shares sold by the sale/);
  });

  await t.test('delegate to yourself', async () => {
    await submit('f-delegate');
    assert.match(await outcome(), /delegate to yourself: confirmed/);
    assert.match(await waitText('#my-votes', /3,010/), /delegate: yourself/);
  });

  await t.test('stake 20 shares on seed 1 (locked in place: no approval)', async () => {
    await fill('f-stake', { seed: '1', shares: '20' });
    await submit('f-stake', 'button[value=stake]');
    assert.match(await outcome(), /stake 20 shares on seed 1: confirmed/);
    assert.match(await waitText('#my-staked', /20/), /20 shares/);
    assert.match(await text('#seeds'), /20/);
  });

  await t.test('a revert is shown by name with its arguments', async () => {
    await submit('f-stake', 'button[value=unstake]');
    const line = await outcome('failed');
    assert.match(line, /unstake 20 shares on seed 1: failed — reverted with CooldownActive\(seedId: 1, endsAt: \d+\) \(nothing was sent\)/);
    assert.doesNotMatch(line, /execution reverted/);
  });

  await t.test('upkeep opens a buyback round; sell into it in one transaction (no approval)', async () => {
    await submit('f-upkeep');
    assert.match(await outcome(), /upkeep \(performUpkeep\): confirmed/);
    assert.match(await waitText('#overview', /round 1 live/), /bid [\d.]+ ETH \/ share/);
    await fill('f-sell', { shares: '5', slippage: '1' });
    await waitText('.preview[data-for=sell]', /you get/);
    const sent = () => wallet.calls.filter((m) => m === 'eth_sendTransaction').length;
    const before = sent();
    await submit('f-sell');
    assert.match(await outcome(), /sell 5 shares into the buyback .* confirmed/);
    assert.equal(sent() - before, 1, 'one transaction: the sale itself');
    assert.ok(!wallet.calls.includes('eth_signTypedData_v4'), 'nothing to sign');
    // Staked shares stay in the balance (locked in place): 3,000 + 10 bought - 5 sold.
    assert.match(await waitText('#my-shares', /3,005/), /3,005 shares/);
  });

  const desc = 'e2e: brighter palettes';
  const vetoed = 'e2e: a grant the stewards refuse';
  const lic = 'e2e: license artwork 2';
  await t.test('propose a creative direction, a license, and a grant the stewards will veto', async () => {
    await page.selectOption('#f-propose [name=kind]', '0');
    await fill('f-propose', { model: 'model-v2', prompt: 'brighter palettes', description: desc });
    const idPreview = (await waitText('.preview[data-for=propose]', /proposal id/)).match(/proposal id (\d{12})/)[1];
    await submit('f-propose');
    assert.match(await outcome(), /propose "e2e: brighter palettes" \(CreativeDirection\): confirmed/);
    const created = await waitText(row(desc), /Pending/);
    assert.match(created, /voting in/);
    assert.ok(created.includes(`id ${idPreview}`), `the previewed id (hashProposal) is the created one: ${idPreview} / ${created}`);
    await page.selectOption('#f-propose [name=kind]', '1');
    await fill('f-propose', { account: wallet.account.address, artwork: '1', days: '30', description: vetoed });
    await waitText('.preview[data-for=propose]', /GrantExhibition; proposal id/);
    await submit('f-propose');
    assert.match(await outcome(), /propose "e2e: a grant the stewards refuse" \(GrantExhibition\): confirmed/);
    await waitText(row(vetoed), /Pending/);
    await page.selectOption('#f-propose [name=kind]', '2');
    await fill('f-propose', { account: wallet.account.address, artwork: '2', fee: '0.1', terms: 'print run of 50', description: lic });
    await waitText('.preview[data-for=propose]', /ApproveLicense; proposal id/);
    await submit('f-propose');
    assert.match(await outcome(), /propose "e2e: license artwork 2" \(ApproveLicense\): confirmed/);
    await waitText(row(lic), /Pending/);
  });

  await t.test('vote for, with a reason, once voting starts', async () => {
    await increaseTime(chain.url, 3601);
    await refresh();
    await waitText(row(desc), /Active/);
    await page.fill(`${row(desc)} input[data-reason]`, 'the palette needs light');
    await page.click(`${row(desc)} button[data-support="1"]`);
    assert.match(await outcome(), /vote for on \d+… \("the palette needs light"\): confirmed/);
    // The staked shares vote too.
    assert.match(await waitText(row(desc), /you voted/), /3,005 \/ 0 \/ 0/);
    for (const d of [vetoed, lic]) {
      await page.click(`${row(d)} button[data-support="1"]`);
      assert.match(await outcome(), /vote for on \d+…: confirmed/);
    }
  });

  await t.test('queue after the vote; veto one with steward tokens; execute the others after the timelock; activate the license', async () => {
    await increaseTime(chain.url, 259_201);
    await refresh();
    await waitText(row(desc), /Succeeded/);
    for (const d of [desc, vetoed, lic]) {
      await page.click(`${row(d)} button[data-queue]`);
      assert.match(await outcome(), /queue \d+…: confirmed/);
      await waitText(row(d), /Queued/);
    }
    await page.click(`${row(vetoed)} button[data-veto]`);
    assert.match(await outcome(), /veto \d+… with steward token \d: confirmed/);
    assert.match(await waitText(row(vetoed), /Vetoed/), /GrantExhibition/);
    // Too early: the page names the timelock.
    await page.click(`${row(desc)} button[data-execute]`);
    assert.match(await outcome('failed'), /reverted with TimelockActive\(proposalId: \d+, eta: \d+\)/);
    await increaseTime(chain.url, 172_801);
    await refresh();
    await page.click(`${row(desc)} button[data-execute]`);
    assert.match(await outcome(), /execute "e2e: brighter palettes": confirmed/);
    await waitText(row(desc), /Executed/);
    assert.doesNotMatch(await text('#overview'), /none yet/, 'the creative direction is set');
    await page.click(`${row(lic)} button[data-execute]`);
    assert.match(await outcome(), /execute "e2e: license artwork 2": confirmed/);
    await waitText(row(lic), /Executed/);
    await fill('f-license', { id: '1' });
    assert.match(await waitText('.preview[data-for=license]', /licensee/), /license 1: artwork 2, .* fee 0\.1 ETH, not yet active/);
    await submit('f-license');
    assert.match(await outcome(), /activate license 1 \(fee 0\.1 ETH\): confirmed/);
    assert.match(await waitText('.preview[data-for=license]', /, active$/), /fee 0\.1 ETH, active/);
  });

  await t.test('claim the staking rewards; unstake after the cooldown; register a seed', async () => {
    assert.match(await text('#my-earned'), /[1-9]/, 'rewards streamed by the upkeep');
    await page.click('#claim');
    assert.match(await outcome(), /claim staking rewards: confirmed/);
    assert.match(await waitText('#my-earned', /^0 ETH$/), /0 ETH/);
    await fill('f-stake', { seed: '1', shares: '10' });
    await waitText('.preview[data-for=stake]', /unstakable now/);
    await submit('f-stake', 'button[value=unstake]');
    assert.match(await outcome(), /unstake 10 shares on seed 1: confirmed/);
    assert.match(await waitText('#my-staked', /^10 shares$/), /10 shares/);
    await fill('f-seed', { seed: 'e2e seed', model: 'model-v2', prompt: 'a prompt', uri: 'ipfs://e2e-seed', stake: '10' });
    await submit('f-seed');
    assert.match(await outcome(), /register seed "e2e seed": confirmed/);
    assert.match(await waitText('#seeds', /ipfs:\/\/e2e-seed/), /ipfs:\/\/e2e-seed/);
    assert.match(await text('#my-staked'), /20 shares/);
  });

  await t.test('redeem artwork 3 (one transaction: no approval)', async () => {
    await refresh();
    await page.click('#artworks button[data-redeem="3"]');
    assert.match(await outcome(), /redeem artwork 3 .*: confirmed/);
    await waitText('#artworks', /left the vault/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
  });
});
