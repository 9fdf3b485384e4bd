import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', 'scripts', 'abi.mjs');
const abi = join(__dirname, '..', '..', 'abi');
const check = (dir: string) => {
  try {
    return { ok: true, out: execFileSync('node', [script, '--check'], { env: { ...process.env, ATELIER_ABI_DIR: dir }, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    return { ok: false, out: String((e as { stderr: string }).stderr) };
  }
};

describe('ABIs come from abi/*.json, and the build fails when they drift', () => {
  it('the committed ABIs pass', () => expect(check(abi).ok).toBe(true));
  it('a changed signature, or a missing file, fails with what the app uses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'abi-'));
    try {
      cpSync(abi, dir, { recursive: true });
      const f = join(dir, 'FractionToken.json');
      const items = JSON.parse(readFileSync(f, 'utf8')) as { type: string; name: string; inputs: unknown[] }[];
      const buy = items.find((i) => i.type === 'function' && i.name === 'buy')!;
      buy.inputs = buy.inputs.slice(0, 2); // buy(uint256,uint256): the deadline gone
      writeFileSync(f, JSON.stringify(items));
      rmSync(join(dir, 'Treasury.json'));
      const r = check(dir);
      expect(r.ok).toBe(false);
      expect(r.out).toContain('abi/FractionToken.json has no `function buy(uint256,uint256,uint256)`');
      expect(r.out).toContain('Treasury.json is missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
