/**
 * The `rnnspec` command as a user runs it, from a folder of the user's: help and version, usage
 * errors, listing, a run whose reports land in the caller's folder, a shipped baseline, damaged
 * fixtures, fuzz and its replay. Most checks run the command's `main` in this process with its
 * streams captured; --help and damaged fixtures run it as a real process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli.ts';
import { GOLDEN_ROOT, NEWEST_TORCH } from '../../harness/golden.ts';

const CLI = fileURLToPath(new URL('../../../scripts/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** The command as a separate process (for what only a process shows: its exit code, its environment). */
function spawned(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'rnnspec-cli-'));
  const env = { ...process.env, NO_COLOR: '1', INIT_CWD: cwd, npm_lifecycle_event: '', ...options.env };
  const r = spawnSync(process.execPath, [TSX, CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd };
}

/** The command in this process, its streams captured: what it prints and its exit code. */
async function rnnspec(args: string[], options: { cwd?: string } = {}) {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'rnnspec-cli-'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'rnnspec', ...args], { cwd, out: (t) => out.push(t), err: (t) => err.push(t), tty: false, repro: 'npx rnnspec run', color: false });
  return { code, stdout: `${out.join('\n')}\n`, stderr: `${err.join('\n')}\n`, cwd };
}

describe('the rnnspec command', () => {
  it('has --help for itself and each subcommand, and --version', async () => {
    const help = spawned(['--help']); // the real command, as a process
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n\s+run \[options\][\s\S]*list \[options\][\s\S]*golden \[options\]/);
    const run = await rnnspec(['run', '--help']);
    expect(run.stdout).toMatch(/--adapter <name\|path>[\s\S]*--baseline <file>[\s\S]*--write-baseline <file>[\s\S]*--stack/);
    expect((await rnnspec(['--version'])).stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  });

  it('exits 2 with a pointer to --help on a usage error', async () => {
    const r = await rnnspec(['run', '--adaptr', 'reference']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--adaptr'/);
    expect(r.stderr).toMatch(/rnnspec --help/);
    const bad = await rnnspec(['run', '--timeout', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--timeout <ms>' argument '-1' is invalid/);
  });

  it('lists the selected cases and the features', async () => {
    const ids = await rnnspec(['run', '--list', '--filter', 'rnn/*bidir*', '--feature', 'rnn.packed']);
    const lines = ids.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /^rnn\/\S*bidir/.test(l))).toBe(true);
    const features = await rnnspec(['list', '--features']);
    expect(features.stdout).toMatch(/^rnn\.packed {2}\d+ cases$/m);
  });

  it("runs an adapter module given relative to the caller's folder and writes the reports there, each run in its own folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rnnspec-cli-'));
    cpSync(fileURLToPath(new URL('./fixtures/exits-on-rnn.mjs', import.meta.url)), join(cwd, 'adapter.mjs'));
    const r = await rnnspec(['--adapter', './adapter.mjs', '--feature', 'embedding.padding_idx', '--out', 'reports', '--quiet'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^exits-on-rnn: 0 failed, \d+ passed(, \d+ unsupported)? of \d+$/m);
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'latest', 'report.json'), 'utf8'));
    expect(JSON.stringify(report)).toContain('exits-on-rnn');
    expect(r.stdout).toMatch(/reports: reports\/\d{4}-\d\d-\d\dT[\d-]+Z\//);
  });

  it('fails the run when a case fails, names the adapter that could not load, and runs the rest', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rnnspec-cli-'));
    cpSync(fileURLToPath(new URL('./fixtures/exits-on-rnn.mjs', import.meta.url)), join(cwd, 'adapter.mjs'));
    const r = await rnnspec(['-a', './nope.mjs', '-a', './adapter.mjs', '--filter', 'rnn/tanh_l1_bias_tm_uni_f32', '--quiet'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('./nope.mjs: could not be loaded: adapter module');
    expect(r.stdout).toMatch(/^exits-on-rnn: 1 failed, 0 passed of 1$/m);
    expect(r.stdout).toContain('its worker thread exited with code 3');
  });

  it("keeps tfjs's shipped baseline: its known bugs show but do not fail the run", async () => {
    const r = await rnnspec(['-a', 'tfjs-cpu', '--filter', 'rnn/seq_len_1', '--filter', 'rnn/tanh_l1_bias_tm_uni_f32', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^tfjs-cpu: 0 failed, 1 expected failure, 1 passed of 2$/m);
    const strict = await rnnspec(['-a', 'tfjs-cpu', '--filter', 'rnn/seq_len_1', '--no-shipped-baselines', '--quiet']);
    expect(strict.code).toBe(1);
  });

  it('stops at damaged fixtures with one line that names the file and what to do, exit 2, no stack trace', async () => {
    const golden = mkdtempSync(join(tmpdir(), 'rnnspec-golden-'));
    cpSync(GOLDEN_ROOT, golden, { recursive: true });
    const victim = join(golden, NEWEST_TORCH, 'cases', 'rnn', 'batch_0.json');
    expect(existsSync(victim)).toBe(true);
    writeFileSync(victim, readFileSync(victim, 'utf8').slice(0, 100));
    const r = spawned(['--quiet'], { env: { RNNSPEC_GOLDEN_DIR: golden } }); // the fixtures folder is chosen at start-up
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^rnnspec: damaged fixtures: golden/${NEWEST_TORCH}/cases/rnn/batch_0\\.json does not match its sha256`));
    expect(r.stderr).toMatch(/Reinstall rnnspec \(npm install\), or in a clone restore them with `git checkout golden\/`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('rnnspec fuzz', () => {
  it('catches a size bug the golden grid misses, prints its replay line, saves it in the caller\'s folder, and run --cases replays it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rnnspec-fuzz-'));
    cpSync(fileURLToPath(new URL('./fixtures/drops-columns-past-16.mjs', import.meta.url)), join(cwd, 'adapter.mjs'));
    const grid = await rnnspec(['-a', './adapter.mjs', '--quiet'], { cwd });
    expect(grid.code, 'the golden grid has no embedding wider than 16').toBe(0);

    const fuzz = await rnnspec(['fuzz', '-a', './adapter.mjs', '--seed', '1', '--max-size', 'medium'], { cwd });
    expect(fuzz.code).toBe(1);
    expect(fuzz.stdout).toMatch(/FAILED after \d+ cases/);
    expect(fuzz.stdout).toMatch(/^ {2}replay: {3}rnnspec fuzz --adapter \.\/adapter\.mjs --kind embedding --seed 1 .*--path "[\d:]+"$/m);
    const saved = /^ {2}saved: {4}(\S+)/m.exec(fuzz.stdout)![1];
    expect(saved.startsWith(join(cwd, 'rnnspec-regressions'))).toBe(true);

    const replay = await rnnspec(['-a', './adapter.mjs', '-a', 'reference', '--cases', 'rnnspec-regressions', '--quiet'], { cwd });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/^drops-columns-past-16: 1 failed, 0 passed of 1$/m);
    expect(replay.stdout).toMatch(/^reference: 0 failed, 1 passed of 1$/m);
    expect(replay.stdout).toContain(`fixture: ${saved}`);
  });
});
