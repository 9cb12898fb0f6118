/**
 * The project's root folder (the one holding package.json), as a URL to resolve the files the platform reads at
 * run time against: reference data, migrations, the built web app. Found by walking up from this module, so the
 * same code runs from the TypeScript sources (tsx) and from the build in dist/ (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const PROJECT_ROOT_URL = pathToFileURL(`${projectRoot(dirname(fileURLToPath(import.meta.url)))}/`);
