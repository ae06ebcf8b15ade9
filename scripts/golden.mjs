#!/usr/bin/env zx
/**
 * Regenerates or checks the golden fixtures (scripts/FIXTURES.md) with PyTorch, one folder per
 * PyTorch version: golden/1.13/ and golden/2.6/.
 *
 *   npm run golden                          regenerate every version (default --torch all)
 *   npm run golden -- --torch 2.6           regenerate golden/2.6/ only (stale files are removed)
 *   npm run golden -- --check [--torch V]   regenerate into a temporary folder and fail unless the
 *                                           result is byte-identical to golden/V/ (default: all),
 *                                           naming every differing, missing or extra file
 *
 * The exporter is the Python package scripts/golden/ (python3 -m golden). PyTorch 1.13 runs from
 * Debian 12's python3-torch on this machine (/usr/bin/python3); PyTorch 2.6 runs inside a Debian 13
 * root that scripts/trixie-root.mjs builds on demand and caches (needs root).
 */
import { $, fs, path, os } from 'zx';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureTrixieRoot, runInTrixie, TRIXIE_ROOT, TrixieError } from './trixie-root.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = path.join(root, 'golden');
const packageDir = path.join(root, 'scripts', 'golden');
const USAGE = 'usage: npm run golden [-- [--check] [--torch 1.13|2.6|all]]   (default --torch all)';

/** How each recorded PyTorch version runs the exporter: `run(version, outDir, onLine)` resolves to its exit code. */
const VERSIONS = {
  '1.13': { where: 'Debian 12 python3-torch (/usr/bin/python3)', run: runOnHost },
  '2.6': { where: 'Debian 13 python3-torch in a trixie root (scripts/trixie-root.mjs)', run: runInTrixieRoot },
};
const HOST_PYTHON = '/usr/bin/python3';
class GoldenError extends Error {
  name = 'GoldenError';
}
const HOST_HINT = 'PyTorch 1.13 is not installed: run apt-get update && apt-get install -y python3-torch python3-onnx';

async function runOnHost(version, outDir, onLine) {
  const probe = await $({ nothrow: true, quiet: true })`${HOST_PYTHON} -c ${'import torch, onnx'}`.catch(() => ({ exitCode: 1 }));
  if (probe.exitCode !== 0) throw new GoldenError(HOST_HINT);
  const env = { ...process.env, PYTHONPATH: path.dirname(packageDir), PYTHONDONTWRITEBYTECODE: '1' };
  const child = $({ cwd: root, env, quiet: true, nothrow: true })`${HOST_PYTHON} -m golden --torch ${version} --out ${outDir}`;
  child.stderr.pipe(process.stderr);
  for await (const line of createInterface({ input: child.stdout })) onLine(line);
  return (await child).exitCode;
}

/** Copies the exporter into the root, runs it there into a folder of the root, moves the result out. */
async function runInTrixieRoot(version, outDir, onLine) {
  await ensureTrixieRoot();
  const work = await fs.mkdtemp(path.join(TRIXIE_ROOT, 'tmp', 'rnnspec-'));
  const inside = `/tmp/${path.basename(work)}`;
  try {
    await fs.copy(packageDir, path.join(work, 'golden'), { filter: (src) => !src.includes('__pycache__') });
    const result = await runInTrixie(['/usr/bin/python3', '-m', 'golden', '--torch', version, '--out', `${inside}/out`], {
      env: { PYTHONPATH: inside, PYTHONDONTWRITEBYTECODE: '1' },
      onLine,
    });
    if (result.exitCode === 0) await fs.move(path.join(work, 'out'), outDir);
    return result.exitCode;
  } finally {
    await fs.remove(work);
  }
}

/** Runs the exporter of `version` into `outDir`, showing progress: one line per case, or one updating line on a TTY. */
async function exportInto(version, outDir) {
  const tty = Boolean(process.stdout.isTTY);
  let cases = 0;
  const onLine = (line) => {
    if (/^\[\s*\d+\/\d+\] /.test(line)) cases += 1;
    process.stdout.write(tty ? `\r\x1b[2K${version} ${line}` : `${version} ${line}\n`);
  };
  const exitCode = await VERSIONS[version].run(version, outDir, onLine);
  if (tty) process.stdout.write('\n');
  if (exitCode !== 0) throw new GoldenError(`the PyTorch ${version} exporter failed (${exitCode === null ? 'killed by a signal' : `exit code ${exitCode}`})`);
  return cases;
}

/** Relative paths (with "/") of every file under `dir`, sorted. */
async function listFiles(dir) {
  if (!(await fs.pathExists(dir))) return [];
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

async function compareTrees(expectedDir, actualDir) {
  const fresh = await listFiles(expectedDir);
  const committed = await listFiles(actualDir);
  const committedSet = new Set(committed);
  const freshSet = new Set(fresh);
  const differing = [];
  for (const rel of fresh.filter((f) => committedSet.has(f))) {
    const [a, b] = await Promise.all([fs.readFile(path.join(expectedDir, rel)), fs.readFile(path.join(actualDir, rel))]);
    if (!a.equals(b)) differing.push(rel);
  }
  return {
    files: fresh.length,
    differing,
    missing: fresh.filter((f) => !committedSet.has(f)),
    extra: committed.filter((f) => !freshSet.has(f)),
  };
}

async function folderSize(dir) {
  let total = 0;
  for (const rel of await listFiles(dir)) total += (await fs.stat(path.join(dir, rel))).size;
  return `${(total / 2 ** 20).toFixed(1)} MiB`;
}

/** Regenerates (or checks) one version; returns true when all is well. */
async function goldenFor(version, check) {
  const started = Date.now();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'rnnspec-golden-'));
  const fresh = path.join(tmp, version);
  const committedDir = path.join(goldenDir, version);
  try {
    const cases = await exportInto(version, fresh);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!check) {
      await fs.emptyDir(committedDir);
      await fs.copy(fresh, committedDir);
      const files = await listFiles(committedDir);
      console.log(`golden ${version}: wrote ${cases} cases, ${files.length} files (${await folderSize(committedDir)}) to golden/${version}/ in ${seconds} s`);
      return true;
    }
    const { files, differing, missing, extra } = await compareTrees(fresh, committedDir);
    for (const f of differing) console.log(`differs: golden/${version}/${f}`);
    for (const f of missing) console.log(`missing: golden/${version}/${f} (the exporter writes it, golden/ lacks it)`);
    for (const f of extra) console.log(`extra:   golden/${version}/${f} (in golden/, the exporter no longer writes it)`);
    const problems = differing.length + missing.length + extra.length;
    if (problems > 0) {
      console.log(
        `golden ${version} --check FAILED: ${differing.length} differing, ${missing.length} missing, ${extra.length} extra ` +
          `of ${files} files; run \`npm run golden -- --torch ${version}\` and commit golden/${version}/`,
      );
      return false;
    }
    console.log(`golden ${version} --check OK: ${files} files byte-identical (${cases} cases) in ${seconds} s`);
    return true;
  } finally {
    await fs.remove(tmp);
  }
}

function parseArgs() {
  // zx puts its own CLI before this script in process.argv: the arguments are those after the script
  const self = fileURLToPath(import.meta.url);
  const args = process.argv.slice(process.argv.findIndex((a) => path.resolve(a) === self) + 1);
  let check = false;
  let torch = 'all';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--torch' && i + 1 < args.length) torch = args[++i];
    else if (args[i].startsWith('--torch=')) torch = args[i].slice('--torch='.length);
    else if (args[i] === '--help' || args[i] === '-h') {
      console.log(`${USAGE}\nversions: ${Object.entries(VERSIONS).map(([v, { where }]) => `${v} (${where})`).join(', ')}`);
      process.exit(0);
    } else {
      console.error(`golden: unknown argument ${args[i]} (${USAGE})`);
      process.exit(2);
    }
  }
  if (torch !== 'all' && !(torch in VERSIONS)) {
    console.error(`golden: unknown PyTorch version ${torch}: one of ${Object.keys(VERSIONS).join(', ')} or all`);
    process.exit(2);
  }
  return { check, versions: torch === 'all' ? Object.keys(VERSIONS) : [torch] };
}

async function main() {
  const { check, versions } = parseArgs();
  let ok = true;
  try {
    for (const version of versions) ok = (await goldenFor(version, check)) && ok;
  } catch (e) {
    if (!(e instanceof TrixieError || e instanceof GoldenError)) throw e;
    console.error(`golden: ${e.message}`);
    ok = false;
  }
  // golden/ holds only the version folders
  const strays = (await fs.readdir(goldenDir).catch(() => [])).filter((n) => !(n in VERSIONS));
  for (const s of strays) console.log(`extra:   golden/${s} (not a PyTorch version folder)`);
  if (!check && strays.length > 0 && versions.length === Object.keys(VERSIONS).length) {
    for (const s of strays) await fs.remove(path.join(goldenDir, s));
    console.log(`golden: removed ${strays.map((s) => `golden/${s}`).join(', ')}`);
  } else if (strays.length > 0) {
    ok = false;
  }
  process.exitCode = ok ? 0 : (process.exitCode || 1); // 130 after Ctrl-C
}

await main();
