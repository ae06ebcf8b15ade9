/**
 * Baselines of known failures, as test262-harness and ONNX's backend test lists keep them: a run
 * with a baseline reports a listed failure as expected (it does not fail the run), a failure not
 * listed as new (it does), and a listed case that now passes as fixed (flagged, so the list gets
 * pruned). `--write-baseline` writes the failures of a run as a baseline.
 *
 *   { "rnnspecBaseline": 1, "torch": "1.13",
 *     "adapters": { "tfjs-cpu": { "rnn/seq_len_1": { "why": "...", "mayPass": false } } } }
 *
 * `mayPass`: the failure is intermittent (e.g. uninitialised memory), so a pass is not "fixed".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { CaseResult } from './judge.ts';

const entrySchema = z.object({ why: z.string(), mayPass: z.boolean().optional() }).strict();
const baselineSchema = z
  .object({
    rnnspecBaseline: z.literal(1),
    torch: z.string().optional(),
    adapters: z.record(z.string(), z.record(z.string(), entrySchema)),
  })
  .strict();

export type Baseline = z.infer<typeof baselineSchema>;
export type BaselineStatus = 'expected-failure' | 'new-failure' | 'fixed';

export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function readBaseline(path: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BaselineError(`baseline ${path} cannot be read: ${(e as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineError(`baseline ${path} is malformed at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The baseline's verdict on each result of one adapter, set as `result.baseline`. */
export function applyBaseline(adapter: string, results: CaseResult[], baseline: Baseline): void {
  const listed = baseline.adapters[adapter] ?? {};
  for (const r of results) {
    const entry = listed[r.id];
    if (r.status === 'fail') r.baseline = entry ? 'expected-failure' : 'new-failure';
    else if (r.status === 'pass' && entry && !entry.mayPass) r.baseline = 'fixed';
  }
}

export function baselineOf(runs: Array<{ adapter: string; results: CaseResult[] }>, torch?: string): Baseline {
  const adapters = Object.fromEntries(
    runs.map(({ adapter, results }) => [adapter, Object.fromEntries(results.filter((r) => r.status === 'fail').map((r) => [r.id, { why: r.message }]))]),
  );
  return { rnnspecBaseline: 1, ...(torch ? { torch } : {}), adapters };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}
