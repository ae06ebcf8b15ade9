/**
 * The rnnspec package's own folder: the clone's root, or `node_modules/rnnspec` in a user's
 * project. Found by walking up from this file, because the TypeScript sources and the compiled
 * JavaScript (`dist/`) sit at different depths below it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function manifest(dir: string): { name?: string; version?: string } | null {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }) : null;
}

/** The nearest folder at or above `from` whose package.json is rnnspec's, or null. */
export function findPackageRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (manifest(dir)?.name === 'rnnspec') return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** The version in the package.json of the rnnspec at or above `from`, or 'unknown'. */
export function packageVersion(from: string): string {
  const root = findPackageRoot(from);
  return (root && manifest(root)?.version) || 'unknown';
}

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_ROOT = findPackageRoot(here) ?? here;
export const PACKAGE_VERSION = packageVersion(here);
