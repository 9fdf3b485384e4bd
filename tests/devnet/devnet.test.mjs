// The dev chain from ethers v6, the way a dapp or script uses it: start atelier-devnet,
// deploy an EVM contract and (when built) the five Stylus contracts through the
// StylusDeployer, call them through abi/*.json, and decode custom errors by name.
//
// Run: node --test tests/devnet/   (builds the devnet binary with cargo if needed)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants as zc } from 'node:zlib';
import { createInterface } from 'node:readline';
import { ethers } from 'ethers';

const root = new URL('../../', import.meta.url).pathname;
// Nitro's dev key, printed by the chain as a publicly known test key.
const DEV_KEY = '0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659';
const DEPLOYER = '0xcEcba2F1DC234f70Dd89F2041029807F8D03A990';

let node;
let provider;
let wallet;

function binary() {
  const target = process.env.CARGO_TARGET_DIR || `${root}target`;
  execFileSync('cargo', ['build', '-q', '-p', 'atelier-devnet', '--locked'], { cwd: root, stdio: 'inherit' });
  return `${target}/debug/atelier-devnet`;
}

before(async () => {
  node = spawn(binary(), ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: node.stdout });
  const url = await new Promise((resolve, reject) => {
    node.once('exit', (c) => reject(new Error(`devnet exited ${c}`)));
    lines.on('line', (l) => {
      const m = l.match(/^Listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
  });
  provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  wallet = new ethers.Wallet(DEV_KEY, provider);
});

after(() => {
  provider?.destroy();
  node?.kill('SIGTERM');
});

const collectionAbi = [
  'constructor()',
  'function mint(address to, uint256 tokenId)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function balanceOf(address owner) view returns (uint256)',
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'error UnknownToken(uint256 tokenId)',
  'error NotAReceiver(address to)',
];

test('network basics', async () => {
  const net = await provider.getNetwork();
  assert.equal(net.chainId, 412346n);
  assert.equal(await provider.getBalance(wallet.address), ethers.parseEther('10000'));
  const block = await provider.getBlock('latest');
  assert.equal(block.number, 0);
  const fee = await provider.getFeeData();
  assert.ok(fee.maxFeePerGas > 0n);
});

test('an EVM contract: deploy, send, events, and a custom error by name', async () => {
  const bin = readFileSync(`${root}devnet/tests/programs/TestCollection.bin`, 'utf8').trim();
  const factory = new ethers.ContractFactory(collectionAbi, `0x${bin}`, wallet);
  const c = await factory.deploy();
  await c.waitForDeployment();
  const tx = await c.mint(wallet.address, 5n);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  const ev = c.interface.parseLog(receipt.logs[0]);
  assert.equal(ev.name, 'Transfer');
  assert.equal(ev.args.tokenId, 5n);
  assert.equal(await c.ownerOf(5n), wallet.address);
  await assert.rejects(c.ownerOf(999n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.revert?.name, 'UnknownToken');
    assert.equal(e.revert.args[0], 999n);
    return true;
  });
  // A send that would revert fails at gas estimation; the contract's ABI names it.
  await assert.rejects(c.safeTransferFrom(wallet.address, DEPLOYER, 5n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    const err = c.interface.parseError(e.data);
    assert.equal(err.name, 'NotAReceiver');
    assert.equal(err.args[0], DEPLOYER);
    return true;
  });
  assert.equal(await c.ownerOf(5n), wallet.address);
});

// ---- the Stylus contracts (after scripts/build-wasm) --------------------------------

function stylusCode(wasm) {
  const compressed = brotliCompressSync(wasm, {
    params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_LGWIN]: 22, [zc.BROTLI_PARAM_SIZE_HINT]: wasm.length },
  });
  return ethers.concat(['0xeff00000', compressed]);
}

function initcode(code) {
  const len = ethers.getBytes(code).length;
  return ethers.concat([
    '0x7f',
    ethers.toBeHex(len, 32),
    '0x80602b60003960' + '00f300',
    code,
  ]);
}

const contracts = {
  FractionToken: 'fraction',
  CurationRegistry: 'curation',
  Treasury: 'treasury',
  ArtVault: 'vault',
  ArtGovernor: 'governor',
};
const built = Object.values(contracts).every((c) => existsSync(`${root}target/stylus/${c}.wasm`));

test('the five Stylus contracts through abi/*.json', { skip: !built && 'target/stylus/*.wasm not built' }, async () => {
  const deployer = new ethers.Contract(
    DEPLOYER,
    ['function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) payable returns (address)',
      'event ContractDeployed(address deployedContract)'],
    wallet,
  );
  const ctorSelector = ethers.id('stylus_constructor()').slice(0, 10);
  for (const [name, file] of Object.entries(contracts)) {
    const abi = JSON.parse(readFileSync(`${root}abi/${name}.json`, 'utf8'));
    const iface = new ethers.Interface(abi);
    const wasm = readFileSync(`${root}target/stylus/${file}.wasm`);
    const code = stylusCode(wasm);
    if (ethers.getBytes(code).length > 24576) {
      // Over one code chunk: cargo-stylus sends it in fragments (covered by the Rust
      // test with the real cargo stylus); the deployer takes single-chunk programs.
      continue;
    }
    const init = ethers.concat([ctorSelector, ethers.AbiCoder.defaultAbiCoder().encode(['address'], [wallet.address])]);
    const tx = await deployer.deploy(initcode(code), init, 0n, ethers.ZeroHash, { value: ethers.parseEther('0.01') });
    const receipt = await tx.wait();
    assert.equal(receipt.status, 1, name);
    const log = receipt.logs.map((l) => deployer.interface.parseLog(l)).find((l) => l?.name === 'ContractDeployed');
    const address = log.args.deployedContract;
    const contract = new ethers.Contract(address, abi, wallet);
    // Every argument-less view answers, or fails with an error the ABI names.
    let answered = 0;
    let named = 0;
    for (const f of iface.fragments.filter((f) => f.type === 'function' && f.inputs.length === 0 && f.constant)) {
      try {
        await contract[f.format('sighash')]();
        answered += 1;
      } catch (e) {
        assert.equal(e.code, 'CALL_EXCEPTION', `${name}.${f.name}: ${e.message}`);
        assert.ok(e.revert?.name, `${name}.${f.name}: revert data ${e.data} not named by the ABI`);
        named += 1;
      }
    }
    assert.ok(answered + named > 0, name);
    // A state-changing call the unwired contract refuses, decoded by name.
    if (name === 'ArtVault') {
      await assert.rejects(
        contract.onERC721Received.staticCall(wallet.address, wallet.address, 1n, '0x'),
        (e) => e.revert?.name === 'NotInitialized',
      );
      await assert.rejects(
        contract.onERC721Received(wallet.address, wallet.address, 1n, '0x'),
        (e) => iface.parseError(e.data)?.name === 'NotInitialized',
      );
    }
  }
});
