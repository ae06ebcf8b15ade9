/**
 * The JSON report, described by report.schema.json beside this file: the run's metadata, then per
 * implementation its counts, its feature cells and every case (status, outcome, baseline, reason,
 * mismatch, tolerance, headroom, fixture, repro), then the oracle sections. Numbers JSON cannot
 * hold are strings: "Infinity", "-Infinity", "NaN", "-0", and int64 values in decimal.
 */
import { fileURLToPath } from 'node:url';
import type { CaseResult } from '../judge.ts';
import type { RunMeta } from './meta.ts';
import type { ReportExtras } from './oracle-sections.ts';
import { plainText } from './plain-text.ts';
import { outcomeOf, type ImplementationReport } from './summary.ts';

export const SCHEMA_VERSION = 1;
export const REPORT_SCHEMA = fileURLToPath(new URL('./report.schema.json', import.meta.url));

function caseJson(c: CaseResult) {
  const { name, count, index, actual, expected, atol, rtol } = c.mismatch ?? {};
  return {
    id: c.id,
    kind: c.kind,
    features: c.features,
    status: c.status,
    outcome: outcomeOf(c),
    baseline: c.baseline ?? null,
    reason: plainText(c.message),
    unsupportedFeatures: Object.fromEntries(Object.entries(c.unsupportedFeatures ?? {}).map(([f, r]) => [f, plainText(r)])),
    mismatch: c.mismatch ? { name, count, index, actual, expected } : null,
    tolerance: c.mismatch ? { atol, rtol } : null,
    headroom: c.headroom,
    maxAbsError: c.maxAbsError,
    ms: c.ms,
    repro: c.repro,
    fixture: c.fixture ?? null,
  };
}

function implementationJson(r: ImplementationReport) {
  return {
    implementation: r.implementation,
    ...(r.loadError !== undefined ? { loadError: plainText(r.loadError) } : {}),
    counts: r.counts,
    features: r.features.map((f) => ({ ...f, reasons: f.reasons.map((x) => ({ ...x, reason: plainText(x.reason) })) })),
    cases: r.cases.map(caseJson),
  };
}

/** Infinity, NaN, -0 and bigint as strings; everything else as JSON has it. */
function encodeNumbers(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return Object.is(v, -0) ? '-0' : String(v);
  return v;
}

export function formatJson(reports: readonly ImplementationReport[], extras: ReportExtras, meta: RunMeta): string {
  const doc = { schemaVersion: SCHEMA_VERSION, meta, implementations: reports.map(implementationJson), ...extras };
  return JSON.stringify(doc, encodeNumbers, 2) + '\n';
}
