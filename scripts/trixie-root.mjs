#!/usr/bin/env zx
/**
 * A Debian 13 (trixie) root with PyTorch 2.6, for recording the 2.6 golden fixtures
 * (scripts/golden.mjs uses it; scripts/FIXTURES.md describes why and how).
 *
 *   zx scripts/trixie-root.mjs    build the root now (if it is not cached yet) and print its versions
 *
 * The root is built on demand with
 *   mmdebstrap --variant=apt --include=python3-torch,python3-onnx trixie <dir> <mirror>
 * (about 45 s and 240 MB of downloads on a warm network), the mirror being the first `URIs:` of
 * /etc/apt/sources.list.d/debian.sources (else http://deb.debian.org/debian). It is built into
 * <dir>.partial and renamed when mmdebstrap succeeds, so a half-built root is never taken for the
 * cache. The cache is /var/cache/rnnspec/trixie, or $RNNSPEC_TRIXIE_ROOT.
 *
 * `runInTrixie(command)` mounts /proc inside the root (without it torch falls back to plain,
 * non-vectorised code and float32 results change), runs the command there with chroot, and unmounts
 * /proc afterwards, also when the command fails or the run is interrupted (SIGINT, SIGTERM).
 * Building the root, mounting and chroot need root.
 */
import { $, fs, path } from 'zx';
import { fileURLToPath } from 'node:url';

export const TRIXIE_ROOT = process.env.RNNSPEC_TRIXIE_ROOT || '/var/cache/rnnspec/trixie';
const SOURCES = '/etc/apt/sources.list.d/debian.sources';
const DEFAULT_MIRROR = 'http://deb.debian.org/debian';
const PACKAGES = 'python3-torch,python3-onnx';

export class TrixieError extends Error {
  name = 'TrixieError';
}

/** The Debian mirror this machine's apt uses: the first `URIs:` line of debian.sources. */
export async function debianMirror() {
  if (!(await fs.pathExists(SOURCES))) return DEFAULT_MIRROR;
  const uri = (await fs.readFile(SOURCES, 'utf8')).match(/^URIs:\s*(\S+)/m);
  return uri ? uri[1] : DEFAULT_MIRROR;
}

function requireRoot(what) {
  if (process.getuid?.() !== 0) {
    throw new TrixieError(`${what} needs root (mmdebstrap, mount and chroot); run as root, or record only PyTorch 1.13 with --torch 1.13`);
  }
}

/** Builds the root unless it is cached; returns its path. */
export async function ensureTrixieRoot({ log = console.log } = {}) {
  if (await fs.pathExists(path.join(TRIXIE_ROOT, 'usr/bin/python3'))) return TRIXIE_ROOT;
  requireRoot(`building the PyTorch 2.6 root ${TRIXIE_ROOT}`);
  const which = await $({ nothrow: true, quiet: true })`command -v mmdebstrap`;
  if (which.exitCode !== 0) {
    throw new TrixieError('mmdebstrap is not installed (it builds the Debian 13 root with PyTorch 2.6): apt-get install -y mmdebstrap');
  }
  const mirror = await debianMirror();
  const partial = `${TRIXIE_ROOT}.partial`;
  await fs.remove(partial);
  await fs.ensureDir(path.dirname(TRIXIE_ROOT));
  log(`trixie: building ${TRIXIE_ROOT} with mmdebstrap from ${mirror} (PyTorch 2.6; about 240 MB to download)`);
  const started = Date.now();
  const built = await $({ nothrow: true, quiet: true })`mmdebstrap --variant=apt --include=${PACKAGES} trixie ${partial} ${mirror}`;
  if (built.exitCode !== 0) {
    await fs.remove(partial);
    throw new TrixieError(`mmdebstrap failed (exit code ${built.exitCode}):\n${built.stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  await fs.rename(partial, TRIXIE_ROOT);
  log(`trixie: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return TRIXIE_ROOT;
}

async function isMountPoint(dir) {
  return (await $({ nothrow: true, quiet: true })`mountpoint -q ${dir}`).exitCode === 0;
}

/**
 * Runs `args` (an argv array, args[0] an absolute path inside the root) in the trixie root with a
 * clean environment plus `env`, /proc mounted for the duration. Returns the zx ProcessPromise.
 * `onLine` receives the child's stdout lines; stderr goes to this process's stderr.
 */
export async function runInTrixie(args, { env = {}, onLine = () => {} } = {}) {
  requireRoot('running PyTorch 2.6 in the trixie root');
  const root = await ensureTrixieRoot();
  const proc = path.join(root, 'proc');
  // our own /proc mount, stacked on any other run's: each run unmounts exactly the one it made, so a
  // run that ends first never pulls /proc from under another one using the same cached root
  await $`mount -t proc proc ${proc}`;
  let child;
  let interruptedBy = null;
  const unmount = async () => {
    if (!(await isMountPoint(proc))) return;
    // the child has exited (or was killed) before this runs; --lazy covers a straggler still inside
    const r = await $({ nothrow: true, quiet: true })`umount ${proc}`;
    if (r.exitCode !== 0) await $({ nothrow: true, quiet: true })`umount --lazy ${proc}`;
  };
  // Ctrl-C or a kill: stop the child; the finally below unmounts, and the callers' own clean-up runs
  const onSignal = (signal) => {
    interruptedBy = signal;
    child?.kill('SIGKILL');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const cleanEnv = ['PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'LANG=C.UTF-8', ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
    child = $({ quiet: true, nothrow: true })`chroot ${root} /usr/bin/env -i ${cleanEnv} ${args}`;
    child.stderr.pipe(process.stderr);
    const { createInterface } = await import('node:readline');
    for await (const line of createInterface({ input: child.stdout })) onLine(line);
    const result = await child;
    if (interruptedBy !== null) {
      process.exitCode = interruptedBy === 'SIGINT' ? 130 : 143;
      throw new TrixieError(`interrupted by ${interruptedBy}; /proc in the root is unmounted`);
    }
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await unmount();
  }
}

// As a script: build the root (if needed) and print what is in it.
if (process.argv.some((a) => path.resolve(a) === fileURLToPath(import.meta.url))) {
  try {
    const root = await ensureTrixieRoot();
    const code = 'import torch, onnx, numpy, platform; print(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {numpy.__version__}, python {platform.python_version()}")';
    const r = await runInTrixie(['/usr/bin/python3', '-c', code], { onLine: (l) => console.log(`trixie: ${root}: ${l}`) });
    process.exitCode = r.exitCode;
  } catch (e) {
    if (!(e instanceof TrixieError)) throw e;
    console.error(`trixie: ${e.message}`);
    process.exitCode = 1;
  }
}
