// The dev chain from ethers v6 and viem 2 with their default gas handling: 50
// timestamp-sensitive transactions each (the first call in a second writes a fresh
// slot, like a votes checkpoint) with the chain's clock moved one second between each
// estimate and its send, all mined successfully; dev-account signing checked by the
// clients' own verifiers; viem's multicall through Multicall3; filters; history; pending.
//
// Run: node --test tests/devnet/   (builds the devnet binary with cargo if needed)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ethers } from 'ethers';
import {
  createPublicClient, createWalletClient, custom, defineChain, http, parseAbi, verifyTypedData,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const root = new URL('../../', import.meta.url).pathname;
// Publicly known test keys the chain prints (Anvil/Hardhat mnemonic #0, #1).
const KEY_A = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const KEY_B = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11';

// Checkpointer (see devnet/tests/chain.rs): ~27k more gas in a new second.
const RUNTIME = '0x4260005481146' + '01d5780600055600154600101806001556101000155005b5060025460010160025500';
const INITCODE = `0x61${(RUNTIME.length / 2 - 1).toString(16).padStart(4, '0')}80600e6000396000f30000${RUNTIME.slice(2)}`;

let node;
let url;

function binary() {
  const target = process.env.CARGO_TARGET_DIR || `${root}target`;
  execFileSync('cargo', ['build', '-q', '-p', 'atelier-devnet', '--locked'], { cwd: root, stdio: 'inherit' });
  return `${target}/debug/atelier-devnet`;
}

async function rpc(method, params = []) {
  const r = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const j = await r.json();
  // The JSON-RPC error's code too: viem retries an error without one (with backoff).
  if (j.error) throw Object.assign(new Error(`${method}: ${j.error.message}`), j.error);
  return j.result;
}

before(async () => {
  node = spawn(binary(), ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: node.stdout });
  url = await new Promise((resolve, reject) => {
    node.once('exit', (c) => reject(new Error(`devnet exited ${c}`)));
    lines.on('line', (l) => {
      const m = l.match(/^Listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
  });
});

after(() => node?.kill('SIGTERM'));

const chain = () => defineChain({
  id: 412346, name: 'atelier-devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [url] } },
  contracts: { multicall3: { address: MULTICALL3 } },
});

// A transport that moves the chain's clock one second after each eth_estimateGas: every
// transaction is mined in a later second than the one it was estimated in.
function tickingTransport() {
  return custom({
    async request({ method, params }) {
      const result = await rpc(method, params);
      if (method === 'eth_estimateGas') await rpc('evm_increaseTime', [1]);
      return result;
    },
  });
}

class TickingProvider extends ethers.JsonRpcProvider {
  async send(method, params) {
    const r = await super.send(method, params);
    if (method === 'eth_estimateGas') await super.send('evm_increaseTime', [1]);
    return r;
  }
}

test('50 sends each from ethers and viem, default gas, clock ticking between estimate and send', async () => {
  const provider = new TickingProvider(url, undefined, { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 });
  const wallet = new ethers.Wallet(KEY_A, provider);
  const deployed = await (await wallet.sendTransaction({ data: INITCODE })).wait();
  const to = deployed.contractAddress;
  assert.equal(await provider.getCode(to), RUNTIME);
  const gasEthers = [];
  for (let i = 0; i < 50; i += 1) {
    const r = await (await wallet.sendTransaction({ to })).wait();
    assert.equal(r.status, 1, `ethers send ${i}`);
    gasEthers.push(r.gasUsed);
  }
  provider.destroy();
  const account = privateKeyToAccount(KEY_B);
  const c = chain();
  const wc = createWalletClient({ account, chain: c, transport: tickingTransport(), pollingInterval: 20 });
  const pc = createPublicClient({ chain: c, transport: http(url), pollingInterval: 20 });
  const gasViem = [];
  for (let i = 0; i < 50; i += 1) {
    const hash = await wc.sendTransaction({ to });
    const r = await pc.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    assert.equal(r.status, 'success', `viem send ${i}`);
    gasViem.push(r.gasUsed);
  }
  // Both paths were taken (cheap same-second calls would have run out of gas before).
  const all = [...gasEthers, ...gasViem].map(Number);
  assert.ok(Math.max(...all) - Math.min(...all) > 15000, `gas ${Math.min(...all)}..${Math.max(...all)}`);
});

test('dev-account signing, verified by ethers and viem', async () => {
  const provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const signer = await provider.getSigner(new ethers.Wallet(KEY_A).address);
  const sig = await signer.signMessage('hello atelier');
  assert.equal(ethers.verifyMessage('hello atelier', sig), signer.address);
  const domain = { name: 'Atelier Fraction', version: '1', chainId: 412346, verifyingContract: MULTICALL3 };
  const types = {
    Permit: [
      { name: 'owner', type: 'address' }, { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' },
    ],
  };
  const message = { owner: signer.address, spender: MULTICALL3, value: 10n ** 18n, nonce: 0n, deadline: 2n ** 40n };
  const typedSig = await signer.signTypedData(domain, types, message);
  assert.equal(ethers.verifyTypedData(domain, types, message, typedSig), signer.address);
  assert.ok(await verifyTypedData({ address: signer.address, domain, types, primaryType: 'Permit', message, signature: typedSig }));
  // eth_signTransaction: a raw transaction ethers parses, from the dev account.
  const raw = await rpc('eth_signTransaction', [{ from: signer.address, to: '0x000000000000000000000000000000000000dEaD', value: '0x1' }]);
  assert.equal(ethers.Transaction.from(raw).from, signer.address);
  provider.destroy();
});

test('viem: multicall via Multicall3, block filter, history, pending', async () => {
  const pc = createPublicClient({ chain: chain(), transport: http(url) });
  const abi = parseAbi([
    'function getBlockNumber() view returns (uint256)',
    'function getEthBalance(address) view returns (uint256)',
  ]);
  const who = privateKeyToAccount(KEY_B).address;
  const [n, bal] = await pc.multicall({
    contracts: [
      { address: MULTICALL3, abi, functionName: 'getBlockNumber' },
      { address: MULTICALL3, abi, functionName: 'getEthBalance', args: [who] },
    ],
    allowFailure: false,
  });
  const head = await pc.getBlockNumber();
  assert.equal(n, head + 1n, 'calls run in the block being built');
  assert.equal(bal, await pc.getBalance({ address: who }));
  // History: the balance before the first send from `who` is the genesis balance.
  assert.equal(await pc.getBalance({ address: who, blockNumber: 0n }), 10n ** 22n);
  assert.ok(bal < 10n ** 22n);
  // Pending: the next block.
  const pending = await pc.getBlock({ blockTag: 'pending' });
  assert.equal(pending.number, head + 1n);
  // A block filter sees a new block.
  const filter = await pc.createBlockFilter();
  await rpc('evm_mine');
  const changes = await pc.getFilterChanges({ filter });
  assert.equal(changes.length, 1);
  assert.ok(await pc.uninstallFilter({ filter }));
});

// FractionToken buys (a fresh votes checkpoint in each new second): the collective
// deployed by scripts/deploy, then 50 buys each from ethers and viem at the quote, with
// default gas and the clock ticking between estimate and send. Needs the built WASM,
// cargo-stylus and the atelier binary (scripts/test has them); skipped otherwise.
const wasmBuilt = ['fraction', 'curation', 'treasury', 'vault', 'governor']
  .every((c) => existsSync(`${root}target/stylus/${c}.wasm`));
const atelierBin = `${process.env.CARGO_TARGET_DIR || `${root}target`}/debug/atelier`;
let cargoStylus = false;
try {
  execFileSync('cargo', ['stylus', '--version'], { stdio: 'ignore' });
  cargoStylus = true;
} catch { /* not installed */ }
const canDeploy = wasmBuilt && cargoStylus && existsSync(atelierBin);

test('FractionToken: 50 buys each from ethers and viem, default gas, clock ticking',
  { skip: !canDeploy && 'needs target/stylus/*.wasm, cargo-stylus and target/debug/atelier' }, async () => {
    const deployment = `${mkdtempSync(`${tmpdir()}/atelier-clients-`)}/deployment.json`;
    execFileSync(`${root}scripts/deploy`, ['--deployment', deployment], {
      cwd: root,
      env: { ...process.env, RPC_URL: url, PRIVATE_KEY: KEY_A, ATELIER_BIN: atelierBin },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const token = JSON.parse(readFileSync(deployment, 'utf8')).contracts.FractionToken.address;
    const abi = JSON.parse(readFileSync(`${root}abi/FractionToken.json`, 'utf8'));
    const provider = new TickingProvider(url, undefined, { staticNetwork: true, pollingInterval: 20, cacheTimeout: -1 });
    const wallet = new ethers.Wallet(KEY_A, provider);
    const t = new ethers.Contract(token, abi, wallet);
    const share = 10n ** 18n;
    const gas = [];
    for (let i = 0; i < 50; i += 1) {
      const cost = await t.quoteBuy(share);
      const r = await (await t.buy(share, cost * 2n, 2n ** 40n, { value: cost * 2n })).wait();
      assert.equal(r.status, 1, `ethers buy ${i}`);
      gas.push(Number(r.gasUsed));
    }
    provider.destroy();
    const c = chain();
    const account = privateKeyToAccount(KEY_B);
    const wc = createWalletClient({ account, chain: c, transport: tickingTransport(), pollingInterval: 20 });
    const pc = createPublicClient({ chain: c, transport: http(url), pollingInterval: 20 });
    for (let i = 0; i < 50; i += 1) {
      const cost = await pc.readContract({ address: token, abi, functionName: 'quoteBuy', args: [share] });
      const hash = await wc.writeContract({
        address: token, abi, functionName: 'buy', args: [share, cost * 2n, 2n ** 40n], value: cost * 2n,
      });
      const r = await pc.waitForTransactionReceipt({ hash });
      assert.equal(r.status, 'success', `viem buy ${i}`);
      gas.push(Number(r.gasUsed));
    }
    assert.equal(await pc.readContract({ address: token, abi, functionName: 'balanceOf', args: [account.address] }), 50n * share);
    assert.ok(Math.max(...gas) > Math.min(...gas), `gas ${Math.min(...gas)}..${Math.max(...gas)}`);
  });
