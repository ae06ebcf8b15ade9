/**
 * The JUnit XML report, written with xmlbuilder2: a testsuite per implementation (its metadata as
 * properties), a testcase per case with its headroom as properties; `failure` for a failure
 * (message, then mismatch, fixture and repro), `skipped` for an unsupported case (with its reason)
 * and for an expected failure of the baseline, `error` for an adapter that could not be loaded.
 * Every adapter string goes through plainText first, so the file stays well-formed whatever an
 * adapter throws.
 */
import { create } from 'xmlbuilder2';
import type { CaseResult } from '../judge.ts';
import { BASELINE_NOTES, failureDetails } from './failure.ts';
import type { RunMeta } from './meta.ts';
import { plainText } from './plain-text.ts';
import { outcomeOf, overallCounts, type ImplementationReport } from './summary.ts';

type XMLBuilder = ReturnType<typeof create>;

const seconds = (ms: number) => (ms / 1000).toFixed(4);

function properties(parent: XMLBuilder, entries: Array<[string, string | number]>): void {
  const props = parent.ele('properties');
  for (const [name, value] of entries) props.ele('property', { name, value: plainText(String(value)) });
}

function testcase(suite: XMLBuilder, implementation: string, c: CaseResult): void {
  const t = suite.ele('testcase', { classname: plainText(`rnnspec.${implementation}.${c.kind}`), name: plainText(c.id), time: seconds(c.ms) });
  const outcome = outcomeOf(c);
  properties(t, [
    ['headroom', c.headroom], ['maxAbsError', c.maxAbsError],
    ...(c.fixture ? [['fixture', c.fixture] as [string, string]] : []), ...(c.baseline ? [['baseline', c.baseline] as [string, string]] : []),
  ]);
  const message = plainText(c.message);
  const details = [message, ...failureDetails(c).map(([k, v]) => `${k}: ${plainText(v)}`)].join('\n');
  if (outcome === 'fail') t.ele('failure', { message, type: c.mismatch ? 'mismatch' : 'failure' }).txt(details);
  else if (outcome === 'expected-failure') t.ele('skipped', { message: `${BASELINE_NOTES['expected-failure']}: ${message}` }).up().ele('system-out').txt(details);
  else if (outcome === 'unsupported') t.ele('skipped', { message });
  else if (outcome === 'fixed') t.ele('system-out').txt(`${BASELINE_NOTES.fixed}\n${message}`);
}

function testsuite(root: XMLBuilder, r: ImplementationReport, meta: RunMeta | undefined): void {
  const name = plainText(r.implementation);
  const ms = r.cases.reduce((s, c) => s + c.ms, 0);
  const suite = root.ele('testsuite', {
    name, tests: r.loadError ? 1 : r.counts.total, failures: r.counts.failed, errors: r.loadError ? 1 : 0,
    skipped: r.counts.unsupported + r.counts.expectedFailures, time: seconds(ms), ...(meta ? { timestamp: meta.startedAt } : {}),
  });
  const adapter = meta?.adapters.find((a) => a.name === r.implementation);
  if (meta) properties(suite, [['rnnspec', meta.rnnspec], ['pytorch', meta.pytorch], ['node', meta.node], ['platform', meta.platform], ...(adapter ? [['adapter', adapter.loadedFrom] as [string, string]] : [])]);
  if (r.loadError) {
    const message = plainText(r.loadError);
    suite.ele('testcase', { classname: `rnnspec.${name}`, name: 'load the adapter', time: seconds(0) }).ele('error', { message, type: 'load' }).txt(message);
  }
  for (const c of r.cases) testcase(suite, name, c);
}

export function formatJUnit(reports: readonly ImplementationReport[], meta?: RunMeta): string {
  const total = overallCounts(reports);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'rnnspec', tests: total.total, failures: total.failed, errors: reports.filter((r) => r.loadError).length,
    skipped: total.unsupported + total.expectedFailures, ...(meta ? { time: seconds(meta.durationMs) } : {}),
  });
  for (const r of reports) testsuite(root, r, meta);
  return root.end({ prettyPrint: true }) + '\n';
}
