// The chains the app knows, and how a wallet is asked to switch to (or add) them.
import { defineChain, type Chain } from 'viem';

export const devChain = defineChain({
  id: 412346,
  name: 'Atelier dev chain',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8547'] } },
});
export const arbitrumOne = defineChain({
  id: 42161,
  name: 'Arbitrum One',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['https://arb1.arbitrum.io/rpc'] } },
  blockExplorers: { default: { name: 'Arbiscan', url: 'https://arbiscan.io' } },
});
export const arbitrumSepolia = defineChain({
  id: 421614,
  name: 'Arbitrum Sepolia',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['https://sepolia-rollup.arbitrum.io/rpc'] } },
  blockExplorers: { default: { name: 'Arbiscan', url: 'https://sepolia.arbiscan.io' } },
  testnet: true,
});

export const CHAINS: Record<number, Chain> = { [devChain.id]: devChain, [arbitrumOne.id]: arbitrumOne, [arbitrumSepolia.id]: arbitrumSepolia };

/** A chain by id with `rpcUrl` as its RPC (the dev chain's port is chosen at start). */
export function chainWithRpc(id: number, rpcUrl?: string): Chain {
  const base = CHAINS[id] ?? defineChain({ id, name: `chain ${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl ?? ''] } } });
  return rpcUrl ? { ...base, rpcUrls: { default: { http: [rpcUrl] } } } : base;
}

/** The `wallet_addEthereumChain` parameter (EIP-3085) for a chain. */
export function addChainParams(chain: Chain) {
  return {
    chainId: `0x${chain.id.toString(16)}`,
    chainName: chain.name,
    nativeCurrency: chain.nativeCurrency,
    rpcUrls: [...chain.rpcUrls.default.http],
    ...(chain.blockExplorers ? { blockExplorerUrls: [chain.blockExplorers.default.url] } : {}),
  };
}
