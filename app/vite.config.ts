import { defineConfig, type Plugin } from 'vite';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The committed deployment records (deployments/<chainId>.json) go beside the page, for any static host. */
function deployments(): Plugin {
  return {
    name: 'atelier-deployments',
    apply: 'build',
    closeBundle() {
      const from = join(__dirname, '..', 'deployments');
      const to = join(__dirname, 'dist', 'deployments');
      if (!existsSync(from)) return;
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(from)) if (/^\d+\.json$/.test(f) && f !== '412346.json') cpSync(join(from, f), join(to, f));
    },
  };
}

// Static files in dist/ for any host: relative asset paths, no server of our own.
export default defineConfig({
  base: './',
  plugins: [deployments()],
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 1500, reportCompressedSize: false },
  server: { host: '127.0.0.1' },
});
