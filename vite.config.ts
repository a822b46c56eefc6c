import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset of the build, once, at maximum
 * compression; the server sends them as they are (@fastify/static `preCompressed`). Files under
 * 1 kB are left alone (the server then sends the original).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'trienkhai-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      const entries = await readdir(outDir, { recursive: true });
      const files = entries.map((name) => join(outDir, name)).filter((path) => COMPRESSIBLE.test(path));
      await Promise.all(
        files.map(async (path) => {
          if ((await stat(path)).size < 1024) return;
          const content = await readFile(path);
          const [br, gz] = await Promise.all([
            promisify(brotliCompress)(content, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            promisify(gzip)(content, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * The web front end lives in `web/`; the build lands in `dist/web`, which the server serves
 * (index.html for every path outside /api). In development `npx vite` proxies /api to the
 * server on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // No manual chunks: Rolldown splits by route (React.lazy in web/src/app/routes.tsx) and puts
    // each antd component in the chunks that use it, so the first screen loads only its own.
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
