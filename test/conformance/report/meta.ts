/**
 * A run's metadata, at the head of every report: which rnnspec, which PyTorch made the fixtures,
 * which Node on which platform, which adapters (and where they were loaded from), when, how long,
 * the command line, and the counts per adapter and overall.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../../harness/package-root.ts';
import { overallCounts, type Counts, type ImplementationReport } from './summary.ts';

export interface AdapterMeta {
  name: string;
  /** A built-in adapter's name (`reference`), or the resolved path of an adapter module. */
  loadedFrom: string;
  builtIn: boolean;
}

export interface RunMeta {
  rnnspec: string;
  /** PyTorch version that exported the fixtures, e.g. '1.13'. */
  pytorch: string;
  node: string;
  /** `process.platform`-`process.arch`, e.g. 'linux-x64'. */
  platform: string;
  adapters: AdapterMeta[];
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  command: string;
  counts: { overall: Counts; byAdapter: Record<string, Counts> };
}

/** rnnspec's version: the nearest package.json named rnnspec above `from` (in the repo and in the compiled package). */
export function rnnspecVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  return packageVersion(from);
}

/** A command line as one string, each argument with spaces or quotes single-quoted. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export interface RunMetaInput {
  pytorch: string;
  adapters: AdapterMeta[];
  startedAt: Date;
  /** Defaults to now. */
  finishedAt?: Date;
  /** The arguments as the user typed them, e.g. ['rnnspec', 'run', '--adapter', './my-adapter.mjs']. */
  argv: readonly string[];
}

export function runMeta(input: RunMetaInput, reports: readonly ImplementationReport[]): RunMeta {
  const finishedAt = input.finishedAt ?? new Date();
  return {
    rnnspec: rnnspecVersion(),
    pytorch: input.pytorch,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    adapters: input.adapters,
    startedAt: input.startedAt.toISOString(),
    durationMs: finishedAt.getTime() - input.startedAt.getTime(),
    command: commandLine(input.argv),
    counts: { overall: overallCounts(reports), byAdapter: Object.fromEntries(reports.map((r) => [r.implementation, r.counts])) },
  };
}

/** "12.3 s", or "1 min 4 s" past a minute. */
export function durationInWords(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The metadata as label/value lines, for the text, Markdown and HTML headers. */
export function metaLines(m: RunMeta): Array<[label: string, value: string]> {
  return [
    ['rnnspec', m.rnnspec],
    ['fixtures', `PyTorch ${m.pytorch}`],
    ['node', `${m.node} (${m.platform})`],
    ['adapters', m.adapters.map((a) => (a.builtIn ? `${a.name} (built-in)` : `${a.name} (${a.loadedFrom})`)).join(', ')],
    ['started', `${m.startedAt}, took ${durationInWords(m.durationMs)}`],
    ['command', m.command],
  ];
}
