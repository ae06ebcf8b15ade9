/**
 * rnnspec's programmatic API: the conformance engine as a function over adapters.
 *
 *   import { runConformance } from 'rnnspec';
 *   const run = await runConformance({ adapters: ['./my-adapter.mjs'] });
 *
 * The vitest integration is `rnnspec/vitest`; the adapter types are `rnnspec/contract`.
 */
export { runConformance, conformanceCases, type ConformanceOptions, type ConformanceRun, type LoadFailure } from './run.ts';
export { BUILT_IN, loadAdapter, AdapterLoadError, type AdapterSpec, type LoadedAdapter } from './adapters.ts';
export { readBaseline, writeBaseline, applyBaseline, baselineOf, type Baseline } from './baseline.ts';
export { runCase, runSuite, type CaseResult, type Status } from './judge.ts';
export { suiteCases, type SuiteCase } from './cases.ts';
export { selectCases, SelectionError, type Selection } from './select.ts';
export { formatText, formatMarkdown, formatJson, formatJUnit, formatHtml, writeReports, summarize, type ImplementationReport, type ReportExtras, type RunMeta } from './report/index.ts';
export { loadGolden, GoldenError } from '../harness/golden.ts';
export type * from '../../impl/contract.ts';
