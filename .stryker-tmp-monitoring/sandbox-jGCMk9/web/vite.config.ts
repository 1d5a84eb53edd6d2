// @ts-nocheck
/// <reference types="node" />
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offlinePwa } from './src/surveys/pwa.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist');

/**
 * Writes .gz and .br beside every text asset, so the server sends them pre-compressed
 * (@fastify/static `preCompressed`) without compressing on each request.
 */
function precompress(): Plugin {
  return {
    name: 'veta-precompress',
    apply: 'build',
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> => {
        const entries = await readdir(dir, { withFileTypes: true });
        const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])));
        return nested.flat();
      };
      for (const file of await walk(outDir)) {
        if (!/\.(js|css|html|json|svg)$/.test(file) || file.includes('/.vite/')) continue;
        const buf = await readFile(file);
        await writeFile(`${file}.gz`, gzipSync(buf, { level: 9 }));
        await writeFile(`${file}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * Preloads the public area with the entry: most visits land on a public page, and on a
 * 3G link the extra round trip for its chunk costs seconds (the other areas still load
 * on demand).
 */
function preloadPublicArea(): Plugin {
  return {
    name: 'veta-preload-public-area',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {};
        const area = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/public/PublicArea.tsx'));
        if (!area || area.type !== 'chunk') return [];
        const files = [area.fileName, ...area.imports].filter((f) => !html.includes(f));
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), preloadPublicArea(), offlinePwa(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    assetsInlineLimit: 2048,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/geo': 'http://localhost:3000',
    },
  },
});
