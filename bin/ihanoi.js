#!/usr/bin/env node
// `npx ihanoi …` — the operator's command line. The TypeScript sources run through tsx, as `npm start` does.
import { tsImport } from 'tsx/esm/api';

await tsImport('../server/cli/ihanoi.ts', import.meta.url);
