// Prints what a first load downloads (dist/, gzipped) and fails past the 500 KB budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET = 500 * 1024;
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|css|html)$/.test(f)) files.push(p);
  }
};
walk(dist);
let raw = 0, gz = 0;
for (const f of files) {
  const b = readFileSync(f);
  const g = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += g;
  console.log(`  ${f.slice(dist.length + 1).padEnd(40)} ${String(b.length).padStart(9)} B  ${String(g).padStart(8)} B gzipped`);
}
console.log(`app: the page loads ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw); budget ${BUDGET / 1024} KB`);
if (gz > BUDGET) {
  console.error('app: over the 500 KB budget');
  process.exit(1);
}
