/**
 * The console's build: Vue single-file components, served under /console/ by the API's console
 * plugin (server/plugins/console.plugin.ts). Two rules of the project are enforced here:
 * - the console takes the server's types only (`import type`, erased by the build): a module from
 *   outside console/ in the bundle fails the build;
 * - no CDN and no internet at run time: everything is bundled, and a compressed copy of each large
 *   file is written beside it (.br, .gz) for the server to send as is.
 */
import vue from '@vitejs/plugin-vue';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json)$/;
const COMPRESS_FROM_BYTES = 1024;

function typesOnlyFromOutside(): Plugin {
  return {
    name: 'campaign-engine:types-only-from-outside',
    load(id) {
      const file = id.split('?')[0]!;
      if (file.startsWith('/') && !file.startsWith(consoleRoot)) {
        this.error(`${file} is outside console/: the console may import the server's modules as types only (import type …)`);
      }
      return null;
    },
  };
}

function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'campaign-engine:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const path = join(outDir, fileName);
        const content = readFileSync(path);
        if (content.length < COMPRESS_FROM_BYTES) continue;
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
      }
    },
  };
}

export default defineConfig({
  root: consoleRoot,
  base: '/console/',
  plugins: [vue(), typesOnlyFromOutside(), precompress()],
  build: {
    outDir: join(consoleRoot, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Mermaid is one large chunk, loaded only when a diagram is shown.
    chunkSizeWarningLimit: 3000,
    reportCompressedSize: false,
    // Slow-plugin warnings say more about a busy shared machine than about the build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npm run dev` in console/: the API of a main job on API_PORT (default 3000) behind the dev server.
    proxy: Object.fromEntries(
      ['/me', '/vocabulary', '/definitions', '/campaigns', '/hazards', '/runs', '/exposure'].map((path) => [path, `http://127.0.0.1:${process.env.API_PORT ?? 3000}`]),
    ),
  },
});
