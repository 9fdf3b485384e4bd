// EIP-1193 wallets: EIP-6963 discovery of every announced wallet, window.ethereum as the
// fallback, and the chain check (wallet_switchEthereumChain, then wallet_addEthereumChain).
import type { Chain, EIP1193Provider } from 'viem';
import { addChainParams } from './chains';

export interface WalletInfo { uuid: string; name: string; icon: string; rdns: string }
export interface Discovered { info: WalletInfo; provider: EIP1193Provider }

/** Collects EIP-6963 announcements (and keeps listening); `onChange` fires on each new wallet. */
export function discoverWallets(onChange: (list: Discovered[]) => void): Discovered[] {
  const list: Discovered[] = [];
  window.addEventListener('eip6963:announceProvider', (ev: Event) => {
    const d = (ev as CustomEvent).detail as Discovered;
    if (!d?.info?.uuid || !d.provider || list.some((x) => x.info.uuid === d.info.uuid)) return;
    list.push(d);
    onChange(list);
  });
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  return list;
}

/** The injected provider of a wallet that does not announce itself (EIP-1193 `window.ethereum`). */
export function injectedFallback(): Discovered | null {
  const eth = (window as unknown as { ethereum?: EIP1193Provider }).ethereum;
  return eth ? { info: { uuid: 'injected', name: 'Browser wallet', icon: '', rdns: 'injected' }, provider: eth } : null;
}

/** Asks the wallet to switch to `chain`, adding it first when the wallet does not know it (4902). */
export async function switchChain(provider: EIP1193Provider, chain: Chain): Promise<void> {
  const chainId = `0x${chain.id.toString(16)}`;
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  } catch (e) {
    const code = (e as { code?: number }).code ?? (e as { data?: { originalError?: { code?: number } } }).data?.originalError?.code;
    if (code !== 4902) throw e;
    await provider.request({ method: 'wallet_addEthereumChain', params: [addChainParams(chain) as never] });
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  }
}
