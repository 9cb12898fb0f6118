// `npm run docs:workflows`: rewrites docs/workflows.md from the workflow tables.
import { writeFileSync } from 'node:fs';
import { WORKFLOWS } from '../server/domain/workflow/index.ts';
import { renderWorkflows } from '../server/domain/workflow/document.ts';

writeFileSync(new URL('../docs/workflows.md', import.meta.url), renderWorkflows(Object.values(WORKFLOWS)));
console.log('docs/workflows.md written');
