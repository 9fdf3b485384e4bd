// A test EIP-1193 wallet for the browser suite, backed by a dev key: it lives only in the
// test (the page never sees a key). The page gets a thin provider object (announced by
// EIP-6963) whose `request` calls back into Node, where viem signs locally (EIP-1559
// transactions, EIP-712 typed data) and sends raw transactions to the dev chain.
import { createWalletClient, http, hexToBigInt } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { devChain, rpc } from './world.mjs';

export class TestWallet {
  constructor(url, key, { startChainId = 1 } = {}) {
    this.url = url;
    this.account = privateKeyToAccount(key);
    this.client = createWalletClient({ account: this.account, chain: devChain(url), transport: http(url) });
    this.chainId = startChainId; // starts on the wrong chain: the app must ask to switch
    this.known = new Set([1]); // chains the wallet knows; the dev chain must be added
    this.hold = null; // a promise eth_sendTransaction waits on (screenshots of an action in progress)
    this.calls = [];
  }

  async handle(method, params = []) {
    this.calls.push(method);
    const fail = (code, message) => { throw Object.assign(new Error(message), { code }); };
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [this.account.address];
      case 'eth_chainId':
        return `0x${this.chainId.toString(16)}`;
      case 'wallet_switchEthereumChain': {
        const id = Number(params[0].chainId);
        if (!this.known.has(id)) fail(4902, `Unrecognized chain ID ${params[0].chainId}. Try adding the chain using wallet_addEthereumChain first.`);
        this.chainId = id;
        return null;
      }
      case 'wallet_addEthereumChain': {
        const p = params[0];
        if (!p?.chainId || !p.rpcUrls?.length || !p.chainName) fail(-32602, 'invalid chain parameters');
        this.known.add(Number(p.chainId));
        this.added = p;
        return null;
      }
      case 'eth_sendTransaction': {
        if (this.chainId !== 412346) fail(4901, 'the wallet is not on the dev chain');
        const tx = params[0];
        if (tx.from && tx.from.toLowerCase() !== this.account.address.toLowerCase()) fail(4100, 'unknown account');
        if (this.hold) await this.hold;
        // viem fills nonce, gas (eth_estimateGas) and EIP-1559 fees, signs here, sends raw.
        return this.client.sendTransaction({
          to: tx.to, data: tx.data, value: tx.value ? hexToBigInt(tx.value) : 0n, type: 'eip1559',
          ...(tx.gas ? { gas: hexToBigInt(tx.gas) } : {}),
        });
      }
      case 'eth_signTypedData_v4': {
        const [from, json] = params;
        if (from.toLowerCase() !== this.account.address.toLowerCase()) fail(4100, 'unknown account');
        const d = typeof json === 'string' ? JSON.parse(json) : json;
        const { EIP712Domain: _, ...types } = d.types;
        const message = { ...d.message };
        for (const f of types[d.primaryType]) if (/^u?int/.test(f.type)) message[f.name] = BigInt(message[f.name]);
        return this.account.signTypedData({ domain: { ...d.domain, chainId: Number(d.domain.chainId) }, types, primaryType: d.primaryType, message });
      }
      default:
        return rpc(this.url, method, params);
    }
  }

  /** Wires the wallet into a Playwright page: a binding for requests and an EIP-6963 announcement. */
  async install(page) {
    await page.exposeBinding('__testWallet', async (_src, method, params) => {
      try {
        return { result: await this.handle(method, params) };
      } catch (e) {
        return { error: { code: e.code ?? -32603, message: e.shortMessage ?? e.message, data: e.data } };
      }
    });
    await page.addInitScript(() => {
      const listeners = {};
      const emit = (ev, arg) => (listeners[ev] ?? []).forEach((f) => f(arg));
      const provider = {
        async request({ method, params }) {
          const r = await window.__testWallet(method, params ?? []);
          if (r.error) throw Object.assign(new Error(r.error.message), r.error);
          if (method === 'wallet_switchEthereumChain') emit('chainChanged', params[0].chainId);
          return r.result;
        },
        on(ev, f) { (listeners[ev] ??= []).push(f); },
        removeListener(ev, f) { listeners[ev] = (listeners[ev] ?? []).filter((x) => x !== f); },
      };
      const detail = Object.freeze({
        info: { uuid: '6d0c6a3e-2f6b-4a51-9d43-atelier-test', name: 'Atelier Test Wallet', icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>', rdns: 'org.atelier.testwallet' },
        provider,
      });
      const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
      window.addEventListener('eip6963:requestProvider', announce);
      announce();
    });
  }
}
