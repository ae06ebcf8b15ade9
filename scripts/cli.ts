#!/usr/bin/env node
/**
 * `rnnspec`: the command line over the conformance engine (test/conformance/).
 *
 *   rnnspec [run] [--adapter NAME|PATH]...   run the suite, print the matrix, write the reports
 *   rnnspec fuzz --adapter NAME|PATH         random cases over what the adapter claims, judged by the reference
 *   rnnspec list                             the cases and features a run would take
 *   rnnspec golden [--check]                 regenerate or check the fixtures (needs PyTorch)
 *
 * Every subcommand has --help. Paths (adapters, --out, baselines) are taken from the caller's
 * folder. Exit codes: 0 no failure beyond the baseline, 1 some case failed or an adapter could
 * not load, 2 a usage error, damaged fixtures, or nothing could run.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import pc from 'picocolors';
import { AdapterLoadError, BUILT_IN, builtInAvailable } from '../test/conformance/adapters.ts';
import { BaselineError, baselineOf, writeBaseline } from '../test/conformance/baseline.ts';
import type { CaseResult } from '../test/conformance/judge.ts';
import { formatText, writeReports } from '../test/conformance/report/index.ts';
import { formatFuzzResult, FUZZ_DEFAULTS, runFuzz, SIZE_CLASSES, type Kind, type SizeClass } from '../test/conformance/fuzz/index.ts';
import { loadAdapter } from '../test/conformance/adapters.ts';
import { conformanceCases, runConformance, type ConformanceRun } from '../test/conformance/run.ts';
import { SelectionError } from '../test/conformance/select.ts';
import { GoldenError, NEWEST_TORCH, TORCH_VERSIONS, type TorchVersion } from '../test/harness/golden.ts';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../test/harness/package-root.ts';

/** Where the command reads and writes: the caller's folder and the two output streams (tests pass their own). */
export interface Io {
  /** The folder the user ran the command from (npm run changes the working directory to the package's). */
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** A terminal: a progress bar instead of progress lines. */
  tty: boolean;
  /** The command repro lines start with. */
  repro: string;
  /** Colour (default: picocolors' detection, which honours NO_COLOR and FORCE_COLOR). */
  color?: boolean;
}

export function processIo(): Io {
  return {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    tty: Boolean(process.stderr.isTTY),
    repro: process.env.npm_lifecycle_event === 'conformance' ? 'npm run conformance --' : 'npx rnnspec run',
  };
}

let io: Io = processIo();

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positive = (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('a positive number is needed.');
  return n;
};
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('an integer is needed.');
  return n;
};
const shardOf = (value: string) => {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError('i/n with 1 <= i <= n is needed, e.g. 2/4.');
  return { index: Number(m[1]), count: Number(m[2]) };
};

/** Options shared by run and list: which cases. */
function selectionOptions(cmd: Command): Command {
  return cmd
    .option('--filter <glob>', 'only case ids matching the glob, e.g. "rnn/*bidir*" (repeatable)', collect)
    .option('--feature <name>', 'only cases exercising the feature, e.g. rnn.packed (repeatable)', collect)
    .option('--case <id>', 'only this case (repeatable)', collect);
}

interface Selected {
  filter?: string[];
  feature?: string[];
  case?: string[];
  torch?: TorchVersion;
}

interface RunFlags extends Selected {
  adapter?: string[];
  out: string;
  timeout: number;
  baseline?: string;
  shippedBaselines: boolean;
  writeBaseline?: string;
  list?: boolean;
  stack?: boolean;
  quiet?: boolean;
  inProcess?: boolean;
  /** Regression case files (written by fuzz) to run instead of the golden cases. */
  cases?: string;
}

interface FuzzFlags {
  adapter: string;
  kind?: Kind;
  runs: number;
  seed?: number;
  path?: string;
  shard: { index: number; count: number };
  maxSize: SizeClass;
  timeBudget: number;
  timeout: number;
  shrink: boolean;
  errorCases?: boolean;
  save: string | false;
  inProcess?: boolean;
}

/** Progress: a bar on a terminal, a line every 10 s otherwise (CI logs must show life). */
function progress(quiet: boolean) {
  if (quiet) return { start() {}, tick() {}, stop() {} };
  if (io.tty) {
    const bar = new cliProgress.SingleBar(
      { format: '{adapter} [{bar}] {value}/{total} cases, {failed} failed, {duration_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let failed = 0;
    return {
      start(adapter: string, total: number) {
        failed = 0;
        bar.start(total, 0, { adapter, failed });
      },
      tick(r: CaseResult, done: number) {
        if (r.status === 'fail') failed++;
        bar.update(done, { failed });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  let failed = 0;
  let name = '';
  let startedAt = 0;
  return {
    start(adapter: string, total: number) {
      [name, failed, startedAt, last] = [adapter, 0, Date.now(), Date.now()];
      io.err(`${adapter}: ${total} cases`);
    },
    tick(r: CaseResult, done: number, total: number) {
      if (r.status === 'fail') failed++;
      if (Date.now() - last >= 10_000 || done === total) {
        last = Date.now();
        io.err(`${name}: ${done}/${total} cases, ${failed} failed, ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
      }
    },
    stop() {},
  };
}

/** The reports of one run, each run in a folder of its own under `outRoot`, with `outRoot/latest` pointing at the newest. */
function writeRunReports(outRoot: string, run: ConformanceRun): string {
  const stamp = run.meta.startedAt.replace(/[:.]/g, '-');
  const dir = join(outRoot, stamp);
  writeReports(dir, run.reports, run.extras, run.meta);
  const latest = join(outRoot, 'latest');
  rmSync(latest, { force: true });
  try {
    symlinkSync(stamp, latest);
  } catch {
    // a file system without symlinks: the timestamped folder is enough
  }
  return dir;
}

async function run(flags: RunFlags, args: readonly string[]): Promise<number> {
  const adapters = [...(flags.adapter ?? [])];
  if (adapters.length === 0) adapters.push('reference', ...((await builtInAvailable('onnxruntime')) ? ['onnxruntime'] : []));
  const selection = { filter: flags.filter, features: flags.feature, ids: flags.case, torch: flags.torch };
  if (flags.list) {
    for (const c of conformanceCases(selection)) io.out(c.id);
    return 0;
  }
  const bar = progress(Boolean(flags.quiet));
  const result = await runConformance({
    ...selection,
    adapters,
    baseline: flags.baseline ? resolve(io.cwd, flags.baseline) : undefined,
    shippedBaselines: flags.shippedBaselines,
    casesDir: flags.cases ? resolve(io.cwd, flags.cases) : undefined,
    timeoutMs: flags.timeout,
    inProcess: flags.inProcess,
    cwd: io.cwd,
    reproCommand: io.repro,
    argv: ['rnnspec', ...args],
    onAdapterStart: (name, total) => bar.start(name, total),
    onCase: (_, r, done, total) => {
      bar.tick(r, done, total);
      if (done === total) bar.stop();
    },
  });
  io.out(formatText(result.reports, result.extras, { meta: result.meta, color: io.color }));
  if (flags.stack) {
    for (const r of result.reports) for (const c of r.cases.filter((x) => x.stack)) io.out(`\n${pc.createColors(io.color ?? pc.isColorSupported).bold(`${r.implementation} ${c.id}`)}\n${c.stack}`);
  }
  if (flags.writeBaseline) {
    const path = resolve(io.cwd, flags.writeBaseline);
    writeBaseline(path, baselineOf(result.reports.map((r) => ({ adapter: r.implementation, results: r.cases })), result.meta.pytorch));
    io.out(`baseline written: ${relative(io.cwd, path) || path}`);
  }
  const dir = writeRunReports(resolve(io.cwd, flags.out), result);
  io.out(`reports: ${relative(io.cwd, dir) || dir}/ (report.json, report.md, junit.xml, report.html)`);
  return result.exitCode;
}

/** The fuzz engine over one adapter: prints progress, the result and, for a failure, its replay line and saved case. */
async function fuzz(flags: FuzzFlags): Promise<number> {
  const { adapter } = await loadAdapter(flags.adapter, { cwd: io.cwd, timeoutMs: flags.timeout, inProcess: flags.inProcess });
  let next = 0;
  try {
    const result = await runFuzz(adapter, {
      runs: flags.runs, seed: flags.seed, path: flags.path, kinds: flags.kind ? [flags.kind] : undefined, shard: flags.shard,
      maxSize: flags.maxSize, timeBudgetMs: flags.timeBudget * 1000, timeoutMs: flags.timeout, shrink: flags.shrink,
      errorCases: flags.errorCases, saveDir: flags.save === false ? undefined : resolve(io.cwd, flags.save), adapterArg: flags.adapter,
      onProgress: (p) => {
        if (p.phase !== 'run' || performance.now() < next) return;
        next = performance.now() + 10_000;
        io.err(`${adapter.name} ${p.kind}: ${p.ran}/${p.planned} cases, ${(p.elapsedMs / 1000).toFixed(0)} s`);
      },
    });
    io.out(formatFuzzResult(result));
    return result.ok ? 0 : 1;
  } finally {
    await adapter.dispose?.();
  }
}

function list(flags: Selected & { features?: boolean }): number {
  const cases = conformanceCases({ filter: flags.filter, features: flags.feature, ids: flags.case, torch: flags.torch });
  if (flags.features) {
    const count = new Map<string, number>();
    for (const c of cases) for (const f of c.features) count.set(f, (count.get(f) ?? 0) + 1);
    for (const [f, k] of [...count].sort(([a], [b]) => a.localeCompare(b))) io.out(`${f}  ${k} cases`);
  } else {
    for (const c of cases) io.out(`${c.id}  ${c.features.join(' ')}`);
  }
  return 0;
}

function golden(args: string[]): number {
  const script = join(PACKAGE_ROOT, 'scripts', 'golden.mjs');
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: PACKAGE_ROOT }).status ?? 2;
}

export function program(args: readonly string[] = []): Command {
  const torch = new Option('--torch <version>', 'the PyTorch version whose fixtures judge the run (the reference emulates it too)').default(NEWEST_TORCH).choices([...TORCH_VERSIONS]);
  const cli = new Command('rnnspec')
    .description("Conformance suite for PyTorch's torch.tensor, nn.Embedding and nn.RNN (with packed sequences) in JavaScript")
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(rnnspec --help, or rnnspec <command> --help, for usage)')
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) })
    .exitOverride();
  let code = 0;
  selectionOptions(
    cli
      .command('run', { isDefault: true })
      .description('run the conformance suite against implementations and write the reports')
      .option('-a, --adapter <name|path>', `a built-in adapter (${Object.keys(BUILT_IN).join(', ')}) or an adapter module (.js, .mjs, .ts, .mts) (repeatable; default: reference, and onnxruntime when installed)`, collect),
  )
    .addOption(torch)
    .option('--baseline <file>', 'known failures: listed failures do not fail the run, listed cases that pass are flagged')
    .option('--no-shipped-baselines', "ignore the baselines built-in adapters ship with (tfjs's known bugs)")
    .option('--write-baseline <file>', "write this run's failures as a baseline")
    .option('--out <dir>', 'reports go to DIR/<time>/ (and DIR/latest)', 'out/conformance')
    .option('--timeout <ms>', 'per-case time-out', positive, 20_000)
    .option('--in-process', "run a module adapter in rnnspec's own thread instead of a worker")
    .option('--stack', "show the adapter's own stack trace for cases that threw")
    .option('--cases <dir>', 'run the regression case files in DIR (written by rnnspec fuzz) instead of the golden cases')
    .option('--list', 'print the ids of the selected cases and exit')
    .option('--quiet', 'no progress')
    .action(async (flags: RunFlags) => {
      code = await run(flags, args);
    });
  cli
    .command('fuzz')
    .description("random cases over every option the adapter claims, from tiny to realistic sizes and saturating values, judged by the reference; a failure is shrunk, printed with its replay line and saved as a regression case (rnnspec run --cases DIR replays it)")
    .requiredOption('-a, --adapter <name|path>', 'the implementation under test: a built-in adapter or an adapter module')
    .addOption(new Option('--kind <kind>', 'only this API').choices(['rnn', 'embedding']))
    .option('--runs <n>', 'cases per API, over all shards', positive, FUZZ_DEFAULTS.runs)
    .option('--seed <n>', 'the seed (default: random, always printed)', integer)
    .option('--path <path>', "fast-check's counterexample path: replays one failure (with its --seed and --kind)")
    .option('--shard <i/n>', 'run the i-th of n shards of the campaign (CI matrices)', shardOf, { index: 1, count: 1 })
    .addOption(new Option('--max-size <class>', 'the largest size class drawn').choices([...SIZE_CLASSES]).default(FUZZ_DEFAULTS.maxSize))
    .option('--time-budget <seconds>', 'stop drawing new cases after this long', positive, FUZZ_DEFAULTS.timeBudgetMs / 1000)
    .option('--timeout <ms>', 'per-case time-out', positive, FUZZ_DEFAULTS.timeoutMs)
    .option('--no-shrink', 'report the first failing case as drawn')
    .option('--error-cases', "also draw inputs PyTorch refuses, which must raise the reference's error")
    .option('--save <dir>', 'where failures are saved as regression case files', 'rnnspec-regressions')
    .option('--no-save', 'do not save failures')
    .option('--in-process', "run a module adapter in rnnspec's own thread instead of a worker")
    .action(async (flags: FuzzFlags) => {
      code = await fuzz(flags);
    });
  selectionOptions(cli.command('list').description('list the suite cases (id and features) a run would take'))
    .addOption(torch)
    .option('--features', 'list the features with their case counts instead')
    .action((flags) => {
      code = list(flags);
    });
  cli
    .command('golden')
    .description('regenerate the golden fixtures from PyTorch, or check they regenerate byte-identically (needs Debian python3-torch)')
    .option('--check', 'regenerate into a temporary folder and fail unless byte-identical to golden/<version>/')
    .addOption(new Option('--torch <version>', 'which PyTorch version (1.13: Debian 12 python3-torch; 2.6: a Debian 13 root built with mmdebstrap, as root)').choices([...TORCH_VERSIONS, 'all']).default('all'))
    .action((flags: { check?: boolean; torch: string }) => {
      code = golden([...(flags.check ? ['--check'] : []), '--torch', flags.torch]);
    });
  return Object.assign(cli, { exitCode: () => code });
}

/** Runs the command line `argv` (node, script, arguments...) against `streams`; resolves to the exit code. */
export async function main(argv: readonly string[], streams: Io = processIo()): Promise<number> {
  io = streams;
  const cli = program(argv.slice(2));
  try {
    await cli.parseAsync([...argv]);
    return (cli as Command & { exitCode(): number }).exitCode();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // --help, --version: 0; a usage error: 2
    if (e instanceof SelectionError || e instanceof BaselineError || e instanceof AdapterLoadError) {
      io.err(`rnnspec: ${e.message}`);
      return 2;
    }
    if (e instanceof GoldenError) {
      io.err(`rnnspec: damaged fixtures: ${e.problem}.`);
      io.err('  Reinstall rnnspec (npm install), or in a clone restore them with `git checkout golden/`.');
      return 2;
    }
    throw e;
  }
}

// run as a command (not imported by a test): node_modules/.bin/rnnspec links here
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv);
