// The test world on a dev chain: a dev chain started from the built atelier-devnet, the
// collective deployed by scripts/deploy, and a little history made with viem (a test
// ERC-721 collection, three genesis deposits by the curator, a collector's purchase).
// Used by the browser suite; also runnable to dress a chain for a look at the app:
//   node app/e2e/world.mjs http://127.0.0.1:8547 deployments/412346.json
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, decodeErrorResult, http, keccak256, toHex, defineChain, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The dev chain's prefunded accounts: publicly known test keys (printed by atelier-devnet).
export const KEYS = {
  curator: '0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659',
  alice: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  bob: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
};
export const devChain = (url) => defineChain({ id: 412346, name: 'Atelier dev chain', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [url] } } });

const abi = (name) => JSON.parse(readFileSync(join(root, 'abi', `${name}.json`), 'utf8'));

/** Starts atelier-devnet on a free port; resolves to { url, stop }. */
export async function startDevnet() {
  const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
  const bin = process.env.ATELIER_DEVNET_BIN || join(target, 'debug', 'atelier-devnet');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build -p atelier-devnet`);
  const node = spawn(bin, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: node.stdout });
  const url = await new Promise((resolve, reject) => {
    node.once('exit', (c) => reject(new Error(`atelier-devnet exited ${c}`)));
    lines.on('line', (l) => {
      const m = l.match(/^Listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
  });
  return { url, stop: () => node.kill('SIGTERM') };
}

/** scripts/deploy against `url`; returns the deployment file's path and contents. */
export function deploy(url) {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-app-'));
  const file = join(dir, '412346.json');
  const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
  // Quiet unless it fails (execFileSync throws with its output).
  execFileSync(join(root, 'scripts', 'deploy'), [], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RPC_URL: url, PRIVATE_KEY: KEYS.curator, ATELIER_DEPLOYMENT: file, ATELIER_BIN: process.env.ATELIER_BIN || join(target, 'debug', 'atelier') },
  });
  return { file, deployment: JSON.parse(readFileSync(file, 'utf8')) };
}

export async function rpc(url, method, params = []) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const j = await r.json();
  if (j.error) throw new Error(`${method}: ${j.error.message}`);
  return j.result;
}

/** Moves the chain's clock on by `secs` and mines a block. */
export async function increaseTime(url, secs) {
  await rpc(url, 'evm_increaseTime', [secs]);
  await rpc(url, 'evm_mine', []);
}

/** Genesis: a collection with three artworks deposited by the curator; Alice buys 100 shares. */
export async function dress(url, deployment) {
  const chain = devChain(url);
  const pub = createPublicClient({ chain, transport: http(url), pollingInterval: 100 });
  // Stylus gas depends on the ink price: send with a margin over the estimate, as the CLI does.
  const wallet = (key) => {
    const w = createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(url) });
    const write = w.writeContract.bind(w);
    w.writeContract = async (p) => write({ ...p, gas: ((await pub.estimateContractGas({ ...p, account: w.account })) * 12n) / 10n + 10_000n });
    return w;
  };
  const curator = wallet(KEYS.curator);
  const alice = wallet(KEYS.alice);
  const c = Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address]));
  const errors = ['ArtVault', 'FractionToken', 'Treasury', 'CurationRegistry', 'ArtGovernor'].flatMap((n) => abi(n).filter((i) => i.type === 'error'));
  const wait = async (p) => {
    const rc = await pub.waitForTransactionReceipt({ hash: await p });
    if (rc.status !== 'success') {
      const tx = await pub.getTransaction({ hash: rc.transactionHash });
      const why = await pub.call({ account: tx.from, to: tx.to, data: tx.input, value: tx.value }).then(() => 'no revert on replay', (e) => {
        const data = e.data ?? e.cause?.data ?? e.cause?.cause?.data;
        try { return decodeErrorResult({ abi: errors, data }).errorName; } catch { return e.shortMessage; }
      });
      throw new Error(`transaction ${rc.transactionHash} reverted (gas used ${rc.gasUsed} of ${tx.gas}): ${why}`);
    }
    return rc;
  };
  const collAbi = [
    { type: 'function', name: 'mint', inputs: [{ name: 'to', type: 'address' }, { name: 'id', type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' },
    { type: 'function', name: 'approve', inputs: [{ name: 'to', type: 'address' }, { name: 'id', type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' },
  ];
  const bytecode = `0x${readFileSync(join(root, 'devnet', 'tests', 'programs', 'TestCollection.bin'), 'utf8').trim()}`;
  const rc = await wait(curator.deployContract({ abi: collAbi, bytecode }));
  const collection = rc.contractAddress;
  const vault = abi('ArtVault');
  for (const id of [1n, 2n, 3n]) {
    await wait(curator.writeContract({ address: collection, abi: collAbi, functionName: 'mint', args: [curator.account.address, id] }));
    await wait(curator.writeContract({ address: collection, abi: collAbi, functionName: 'approve', args: [c.ArtVault, id] }));
    await wait(curator.writeContract({
      address: c.ArtVault, abi: vault, functionName: 'deposit',
      args: [collection, id, keccak256(toHex(`seed ${id}`)), keccak256(toHex('model-v1')), keccak256(toHex(`prompt ${id}`)), curator.account.address, `ipfs://atelier-demo/${id}`],
    }));
  }
  const token = abi('FractionToken');
  const shares = 100n * 10n ** 18n;
  const quote = await pub.readContract({ address: c.FractionToken, abi: token, functionName: 'quoteBuy', args: [shares] });
  const now = (await pub.getBlock()).timestamp;
  await wait(alice.writeContract({ address: c.FractionToken, abi: token, functionName: 'buy', args: [shares, quote, now + 600n], value: quote }));
  return { collection, contracts: c, spent: quote, parseEther };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, file] = process.argv.slice(2);
  const out = await dress(url, JSON.parse(readFileSync(file, 'utf8')));
  console.log(`dressed: collection ${out.collection}, 3 artworks deposited, Alice bought 100 shares`);
}
