#!/usr/bin/env node
/**
 * `npm run build` (and `npm pack`, through prepack): compiles the shipped TypeScript (reference/,
 * impl/, the engine in test/conformance/ and its harness, the CLI) to JavaScript with declarations
 * in dist/. tsc rewrites the `.ts` import specifiers of the emitted JavaScript; this script does
 * the same for the declarations, and copies what tsc does not emit (the worker's boot module, the report's JSON Schema).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/((?:from|import)\s*\(?\s*['"])(\.\.?\/[^'"]*)\.([cm]?)ts(['"])/g, '$1$2.$3js$4');
  if (rewritten !== text) writeFileSync(file, rewritten);
}
for (const asset of ['test/conformance/isolation/boot.mjs', 'test/conformance/report/report.schema.json']) copyFileSync(join(root, asset), join(dist, asset));
chmodSync(join(dist, 'scripts/cli.js'), 0o755);
console.log('build: dist/ written');
