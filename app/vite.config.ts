import { defineConfig } from 'vite';

// Static files in dist/ for any host: relative asset paths, no server of our own.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 1500, reportCompressedSize: false },
  server: { host: '127.0.0.1' },
});
