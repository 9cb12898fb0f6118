// The synthetic data generator's public surface (issue 9): used by `ihanoi seed --synthetic` and the benchmarks.
export { generateSynthetic, type SyntheticOptions, type SyntheticResult } from './generate.ts';
export { SYNTHETIC_PASSWORD } from './accounts.ts';
