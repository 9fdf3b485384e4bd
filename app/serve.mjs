// A static server for app/dist on loopback, plus the two runtime files the page reads:
// ./config.json (the chain id and the RPC endpoint for read-only mode) and
// ./deployments/<chainId>.json (the addresses, from scripts/deploy's record). No backend:
// the page talks to the chain itself, through the RPC or the user's wallet.
//
//   node app/serve.mjs --rpc http://127.0.0.1:8547 --deployment deployments/412346.json [--port 5173]
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, normalize, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Starts the server; resolves to { url, close }. */
export function startServer({ dist = join(dirname(fileURLToPath(import.meta.url)), 'dist'), port = 0, host = '127.0.0.1', chainId, rpcUrl, deployment }) {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run npm run build in app/ first`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (code, type, body) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/config.json') return send(200, TYPES['.json'], JSON.stringify({ chainId, rpcUrl }));
    if (path === `/deployments/${chainId}.json`) {
      // Re-read on every request: scripts/deploy may still be writing it.
      return existsSync(deployment) ? send(200, TYPES['.json'], readFileSync(deployment)) : send(404, 'text/plain', 'no deployment yet');
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return send(404, 'text/plain', 'not found');
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve({ url: `http://${host}:${a.port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

async function chainIdOf(rpcUrl) {
  const r = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) });
  return Number((await r.json()).result);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const rpcUrl = arg('rpc', process.env.RPC_URL ?? 'http://127.0.0.1:8547');
  let chainId;
  try {
    chainId = await chainIdOf(rpcUrl);
  } catch (e) {
    console.error(`app: no chain answers at ${rpcUrl} (${e.cause?.code ?? e.message}): start one with scripts/devnet or scripts/demo --keep`);
    process.exit(1);
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const deployment = arg('deployment', process.env.ATELIER_DEPLOYMENT ?? join(root, 'deployments', `${chainId}.json`));
  if (!existsSync(deployment)) console.error(`app: warning: ${deployment} does not exist yet (scripts/deploy writes it); the page will say so`);
  const { url } = await startServer({ port: Number(arg('port', process.env.APP_PORT ?? 5173)), chainId, rpcUrl, deployment });
  console.log(`Atelier app at ${url} (chain ${chainId} via ${rpcUrl}, addresses from ${deployment}); Ctrl-C stops it`);
}
