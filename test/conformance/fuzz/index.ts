/** The fuzz engine's public API (what `rnnspec fuzz` and `rnnspec run --cases DIR` call). */
export { FUZZ_DEFAULTS, claimedKinds, failureReport, formatFuzzResult, propertySummary, randomSeed, replayCommand, runFuzz } from './engine.ts';
export type { FuzzFailure, FuzzOptions, FuzzProgress, FuzzResult, PropertyReport } from './engine.ts';
export { checkCase, type CaseVerdict } from './check.ts';
export { describeCase, type AnyCase, type Kind } from './describe.ts';
export { listRegressions, loadRegressionCases, readRegression, saveRegression, type Regression } from './regressions.ts';
export { SIZE_CLASSES, SIZE_LIMITS, type SizeClass } from '../../harness/arbitraries/fuzz.ts';
