// The web app (issue 7): React + Vite, built into web/dist and served by the platform's own server.
// `npm run dev:web` proxies the API to a server started with `npm run dev` on port 3000.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps and charts load with the pages that use them; the citizen's first screen stays small (≤ 200 KB gzip).
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/cap': 'http://127.0.0.1:3000' } },
});
