/**
 * One conformance run, as a program calls it: load the fixtures and each adapter, run the selected
 * cases through each (judge.ts), weigh failures against a baseline, vote the oracles against each
 * other, and say how it went. A missing or broken adapter is reported and the others still run.
 * The CLI (scripts/cli.ts) and the vitest integration (vitest.ts) are thin layers over this.
 */
import type { Adapter } from '../../impl/contract.ts';
import { loadGolden, NEWEST_TORCH, type TorchVersion } from '../harness/golden.ts';
import { loadAdapter, type AdapterSpec } from './adapters.ts';
import { applyBaseline, readBaseline, type Baseline } from './baseline.ts';
import { suiteCases, type SuiteCase } from './cases.ts';
import { runSuite, type CaseResult } from './judge.ts';
import { voteSuite } from './oracles/vote.ts';
import { runMeta, summarize, unloadable, type AdapterMeta, type ImplementationReport, type ReportExtras, type RunMeta } from './report/index.ts';
import { selectCases, type Selection } from './select.ts';
import { loadRegressionCases } from './fuzz/regressions.ts';

export interface ConformanceOptions extends Selection {
  adapters: AdapterSpec[];
  /** The PyTorch version whose fixtures judge the run (default the newest); the reference emulates it too. */
  torch?: TorchVersion;
  /** A baseline file or object; built-in adapters fall back to the baseline they ship with. */
  baseline?: string | Baseline;
  /** A folder of regression case files (written by the fuzz engine) to run instead of the golden cases. */
  casesDir?: string;
  /** false: ignore the baselines shipped with built-in adapters too. */
  shippedBaselines?: boolean;
  timeoutMs?: number;
  inProcess?: boolean;
  /** The caller's folder: relative adapter and baseline paths are taken from it. */
  cwd?: string;
  /** The command repro lines start with, e.g. `npx rnnspec run` or `npm run conformance --`. */
  reproCommand?: string;
  /** Vote golden, reference and onnxruntime against each other, and check ONNX export fidelity, when those adapters run. */
  oracles?: boolean;
  /** The command line as typed, for the report's metadata. */
  argv?: readonly string[];
  onAdapterStart?(name: string, cases: number): void;
  onCase?(adapter: string, result: CaseResult, done: number, total: number): void;
}

export interface LoadFailure {
  spec: string;
  message: string;
}

export interface ConformanceRun {
  meta: RunMeta;
  cases: SuiteCase[];
  reports: ImplementationReport[];
  loadFailures: LoadFailure[];
  extras: ReportExtras;
  /** 0: no failure beyond the baseline; 1: some case failed or an adapter could not load; 2: nothing could run. */
  exitCode: 0 | 1 | 2;
}

const loaded = new Map<TorchVersion, SuiteCase[]>();

/** The suite's cases for one PyTorch version, selected (the fixtures are read and checked once per process). */
export function conformanceCases(options: Selection & { torch?: TorchVersion } = {}): SuiteCase[] {
  const torch = options.torch ?? NEWEST_TORCH;
  if (!loaded.has(torch)) loaded.set(torch, suiteCases(loadGolden({ torch }).cases, torch));
  return selectCases(loaded.get(torch)!, options);
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceRun> {
  const started = new Date();
  const cases = options.casesDir ? selectCases((await loadRegressionCases(options.casesDir)).cases, options) : conformanceCases(options);
  const torch = options.torch ?? NEWEST_TORCH;
  const given = typeof options.baseline === 'string' ? readBaseline(options.baseline) : options.baseline;
  const reports: ImplementationReport[] = [];
  const loadFailures: LoadFailure[] = [];
  const ran: Array<{ adapter: Adapter; meta: AdapterMeta }> = [];
  for (const spec of options.adapters) {
    let loaded;
    try {
      loaded = await loadAdapter(spec, { cwd: options.cwd, timeoutMs: options.timeoutMs, inProcess: options.inProcess, torch });
    } catch (e) {
      const failure = { spec: typeof spec === 'string' ? spec : spec.name, message: e instanceof Error ? e.message : String(e) };
      loadFailures.push(failure);
      reports.push(unloadable(failure.spec, failure.message));
      continue;
    }
    const { adapter, source, isolated } = loaded;
    options.onAdapterStart?.(adapter.name, cases.length);
    let done = 0;
    const results = await runSuite(adapter, cases, {
      // an isolated adapter stops its own worker at timeoutMs (restart included in the grace)
      timeoutMs: (options.timeoutMs ?? 20_000) + (isolated ? 10_000 : 0),
      adapterArg: `--adapter ${typeof spec === 'string' ? spec : adapter.name}`,
      reproCommand: options.casesDir ? `${options.reproCommand ?? 'npx rnnspec run'} --cases ${options.casesDir}` : options.reproCommand,
      onResult: (r) => options.onCase?.(adapter.name, r, ++done, cases.length),
    });
    const baseline = given ?? (options.shippedBaselines !== false && loaded.baseline ? readBaseline(loaded.baseline) : undefined);
    if (baseline) applyBaseline(adapter.name, results, baseline);
    reports.push(summarize(adapter.name, results));
    ran.push({ adapter, meta: { name: adapter.name, loadedFrom: source, builtIn: typeof spec === 'string' && source === spec } });
  }
  const extras: ReportExtras = {};
  if (options.oracles !== false) {
    const reference = ran.find((a) => a.adapter.name === 'reference')?.adapter;
    const onnxruntime = ran.find((a) => a.adapter.name === 'onnxruntime')?.adapter;
    if (reference && onnxruntime) extras.disagreements = await voteSuite(cases, reference, onnxruntime);
    if (onnxruntime) extras.exportFidelity = await (await import('./oracles/fidelity.ts')).exportFidelity(cases);
  }
  for (const { adapter } of ran) await adapter.dispose?.();
  const failed = loadFailures.length > 0 || reports.some((r) => r.counts.failed > 0);
  return {
    meta: runMeta({ pytorch: torch, adapters: ran.map((a) => a.meta), startedAt: started, argv: options.argv ?? [] }, reports),
    cases, reports, loadFailures, extras,
    exitCode: ran.length === 0 ? 2 : failed ? 1 : 0,
  };
}
