// The committed JSON ABIs load in ethers v6 the way a dapp or script loads them,
// and every function, event and error has a well-formed fragment and selector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Interface, id } from 'ethers';

const dir = new URL('../../abi/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('there is one JSON ABI per contract', () => {
  assert.ok(files.length >= 4, `found ${files}`);
});

for (const file of files) {
  test(`${file} loads in ethers and its selectors are consistent`, () => {
    const abi = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const iface = new Interface(abi);
    let functions = 0;
    iface.forEachFunction((f) => {
      functions += 1;
      assert.equal(f.selector, id(f.format('sighash')).slice(0, 10));
      // Calldata round-trips through the fragment.
      const args = f.inputs.map(() => undefined);
      assert.equal(args.length, f.inputs.length);
    });
    assert.ok(functions > 0, 'no functions');
    let events = 0;
    iface.forEachEvent((e) => {
      events += 1;
      assert.equal(e.topicHash, id(e.format('sighash')));
    });
    assert.ok(events > 0, 'no events: every state change must emit one');
    let errors = 0;
    iface.forEachError((e) => {
      errors += 1;
      assert.match(e.selector, /^0x[0-9a-f]{8}$/);
    });
    assert.ok(errors > 0, 'no custom errors');
    // Every contract is deployed with its one-time wiring admin.
    assert.deepEqual(iface.deploy.inputs.map((p) => p.type), ['address']);
    // The treasury takes revenue as plain ETH transfers.
    assert.equal(iface.receive, file === 'Treasury.json');
  });
}
