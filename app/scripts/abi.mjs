// Generates src/generated/abi.ts from the repository's exported ABIs (../abi/*.json),
// `as const`, so viem types every call the app makes against them: a function, event
// or error the app uses that is missing or has changed in abi/ fails this script (the
// REQUIRED list below) and then the type check (`tsc`), i.e. the build.
//
//   node scripts/abi.mjs           # write src/generated/abi.ts (run by npm run build/dev/test)
//   node scripts/abi.mjs --check   # only check abi/*.json against REQUIRED
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const abiDir = process.env.ATELIER_ABI_DIR || join(here, '..', '..', 'abi');
const out = join(here, '..', 'src', 'generated', 'abi.ts');

// What the app calls, listens to and names, by Solidity signature.
export const REQUIRED = {
  FractionToken: [
    'function buy(uint256,uint256,uint256)', 'function quoteBuy(uint256)', 'function spotPrice()',
    'function totalSold()', 'function totalSupply()', 'function premium()', 'function param(uint8)',
    'function balanceOf(address)', 'function allowance(address,address)', 'function approve(address,uint256)',
    'function permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', 'function nonces(address)',
    'function name()', 'function delegate(address)', 'function delegates(address)', 'function getVotes(address)',
    'event SharesBought(address,uint256,uint256,uint256)', 'error MaxCostExceeded(uint256,uint256)',
  ],
  Treasury: [
    'function buckets()', 'function buybackRound()', 'function currentBid()', 'function epochState()',
    'function checkUpkeep(bytes)', 'function performUpkeep(bytes)', 'function sellToTreasury(uint256,uint256,uint256)',
    'function param(uint8)', 'event BuybackFilled(address,uint256,uint256)', 'error NoLiveRound()',
  ],
  CurationRegistry: [
    'function registerSeed(bytes32,bytes32,bytes32,string,uint256)', 'function stake(uint256,uint256)',
    'function unstake(uint256,uint256)', 'function claim()', 'function seedCount()',
    'function seedInfo(uint256)', 'function stakeOf(address,uint256)', 'function stakedBy(address)',
    'function earned(address)', 'function totalStaked()', 'function param(uint8)', 'function unstakeAvailableAt(address,uint256)',
    'event ConvictionUpdated(uint256,uint256,uint256)',
  ],
  ArtVault: [
    'function artwork(uint256)', 'function redeem(uint256)', 'function redemptionCost(uint256)',
    'function ownerOf(uint256)', 'event ArtworkDeposited(uint256,address,uint256,address,bytes32,bytes32,bytes32,address,string,uint256)',
    'event Transfer(address,address,uint256)',
  ],
  ArtGovernor: [
    'function propose((uint8,address,address,uint256,uint256,bytes32,bytes32,string)[],string)',
    'function castVoteWithReason(uint256,uint8,string)', 'function queue(uint256)',
    'function execute((uint8,address,address,uint256,uint256,bytes32,bytes32,string)[],bytes32,address)',
    'function veto(uint256,uint256)', 'function state(uint256)', 'function proposalVotes(uint256)',
    'function proposal(uint256)', 'function hasVoted(uint256,address)', 'function hasVetoed(uint256,uint256)',
    'function hashProposal((uint8,address,address,uint256,uint256,bytes32,bytes32,string)[],bytes32,address)',
    'function license(uint256)', 'function activateLicense(uint256)', 'function creativeDirection()', 'function param(uint8)',
    'event ProposalCreated(uint256,address,(uint8,address,address,uint256,uint256,bytes32,bytes32,string)[],uint256,uint256,string)',
    'event LicenseApproved(uint256,uint256,address,bytes32,uint256)',
  ],
};

const typeOf = (p) => (p.type.startsWith('tuple') ? `(${p.components.map(typeOf).join(',')})${p.type.slice(5)}` : p.type);
export const signature = (item) => `${item.type} ${item.name}(${(item.inputs ?? []).map(typeOf).join(',')})`;

export function load() {
  const abis = {};
  const problems = [];
  for (const [name, needed] of Object.entries(REQUIRED)) {
    const file = join(abiDir, `${name}.json`);
    if (!existsSync(file)) {
      problems.push(`${file} is missing (scripts/export-abi writes it)`);
      continue;
    }
    const abi = JSON.parse(readFileSync(file, 'utf8'));
    const have = new Set(abi.map(signature));
    for (const s of needed) if (!have.has(s)) problems.push(`abi/${name}.json has no \`${s}\`, which the app uses`);
    abis[name] = abi;
  }
  return { abis, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { abis, problems } = load();
  if (problems.length) {
    console.error(`app: the ABIs drifted from what the app uses:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (!process.argv.includes('--check')) {
    const body = Object.entries(abis)
      .map(([n, abi]) => `export const ${n} = ${JSON.stringify(abi)} as const;\n`)
      .join('\n');
    mkdirSync(dirname(out), { recursive: true });
    const text = `// Generated by app/scripts/abi.mjs from abi/*.json at build time: do not edit (not committed).\n\n${body}`;
    if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text);
  }
  console.log(`app: ${Object.keys(abis).length} ABIs from abi/*.json checked${process.argv.includes('--check') ? '' : ' and written to src/generated/abi.ts'}`);
}
