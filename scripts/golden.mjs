#!/usr/bin/env zx
/**
 * Regenerates or checks the golden fixtures (scripts/FIXTURES.md) with PyTorch.
 *
 *   npm run golden              regenerate every fixture into golden/ (stale files are removed)
 *   npm run golden -- --check   regenerate into a temporary folder and fail unless the result is
 *                               byte-identical to golden/, naming every differing, missing or extra file
 *
 * The exporter, scripts/export_golden.py, runs under Debian's /usr/bin/python3 (python3-torch and
 * python3-onnx). It writes into an empty folder and prints one "[ k/n] group/name" line per case.
 */
import { $, fs, path, os } from 'zx';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const INSTALL_HINT =
  'PyTorch is not installed: run apt-get update && apt-get install -y python3-torch python3-onnx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = path.join(root, 'golden');
const scriptsDir = path.join(root, 'scripts');

async function hasTorch() {
  try {
    const r = await $({ nothrow: true, quiet: true })`${PYTHON} -c ${'import torch, onnx'}`;
    return r.exitCode === 0;
  } catch {
    return false; // no such interpreter
  }
}

/** Runs the exporter into `outDir`, showing progress: one line per case, or one updating line on a TTY. */
async function exportInto(outDir) {
  const tty = Boolean(process.stdout.isTTY);
  const env = { ...process.env, PYTHONPATH: scriptsDir, PYTHONDONTWRITEBYTECODE: '1' };
  const child = $({ cwd: root, env, quiet: true, nothrow: true })`${PYTHON} -m golden --out ${outDir}`;
  child.stderr.pipe(process.stderr);
  let cases = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (/^\[\s*\d+\/\d+\] /.test(line)) cases += 1;
    process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }
  const result = await child;
  if (tty) process.stdout.write('\n');
  if (result.exitCode !== 0) {
    console.error(`golden: export_golden.py failed (exit code ${result.exitCode})`);
    process.exit(1);
  }
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

function size(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

async function folderSize(dir) {
  let total = 0;
  for (const rel of await listFiles(dir)) total += (await fs.stat(path.join(dir, rel))).size;
  return total;
}

async function main() {
  // zx puts its own CLI before this script in process.argv: the arguments are those after the script
  const self = fileURLToPath(import.meta.url);
  const args = process.argv.slice(process.argv.findIndex((a) => path.resolve(a) === self) + 1);
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`golden: unknown argument ${unknown.join(' ')} (usage: npm run golden [-- --check])`);
    process.exit(2);
  }
  const check = args.includes('--check');
  if (!(await hasTorch())) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  const started = Date.now();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'rnnspec-golden-'));
  const fresh = path.join(tmp, 'golden');
  try {
    const cases = await exportInto(fresh);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (check) {
      const { files, differing, missing, extra } = await compareTrees(fresh, goldenDir);
      for (const f of differing) console.log(`differs: golden/${f}`);
      for (const f of missing) console.log(`missing: golden/${f} (the exporter writes it, golden/ lacks it)`);
      for (const f of extra) console.log(`extra:   golden/${f} (in golden/, the exporter no longer writes it)`);
      const problems = differing.length + missing.length + extra.length;
      if (problems > 0) {
        console.log(
          `golden --check FAILED: ${differing.length} differing, ${missing.length} missing, ${extra.length} extra ` +
            `of ${files} files; run \`npm run golden\` and commit golden/`,
        );
        process.exitCode = 1;
      } else {
        console.log(`golden --check OK: ${files} files byte-identical (${cases} cases) in ${seconds} s`);
      }
    } else {
      await fs.emptyDir(goldenDir);
      await fs.copy(fresh, goldenDir);
      const files = await listFiles(goldenDir);
      console.log(
        `golden: wrote ${cases} cases, ${files.length} files (${size(await folderSize(goldenDir))}) ` +
          `to golden/ in ${seconds} s`,
      );
    }
  } finally {
    await fs.remove(tmp);
  }
}

await main();
