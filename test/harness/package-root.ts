/**
 * The rnnspec package's own folder: the clone's root, or `node_modules/rnnspec` in a user's
 * project. Found by walking up from this file, because the TypeScript sources and the compiled
 * JavaScript (`dist/`) sit at different depths below it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'rnnspec') return dir;
    if (dirname(dir) === dir) throw new Error(`rnnspec: no package.json of rnnspec above ${from}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
