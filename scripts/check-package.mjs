#!/usr/bin/env node
/**
 * `npm run check:package` (run by .ci/run): what a new user does, checked. Packs rnnspec, installs
 * the tarball into a fresh npm project outside the tree, and there runs `npx rnnspec --help`,
 * `npx rnnspec --adapter ./my-adapter.mjs` (reports must land in that project's folder), a
 * TypeScript adapter, a missing adapter beside a good one, a backend that is not installed, a
 * vitest file using `describeConformance`, and tsc over the TypeScript example. The examples are
 * the README's, from examples/. Exits 1 on the first check that fails.
 */
import { $, fs, os, path } from 'zx';

const root = path.resolve(import.meta.dirname, '..');
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'rnnspec-package-'));
const project = path.join(work, 'my-project');
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const started = Date.now();

$.verbose = false;
const pack = await $({ cwd: root })`npm pack --silent --pack-destination ${work}`;
const tarball = path.join(work, pack.stdout.trim().split('\n').pop());
const { size } = await fs.stat(tarball);
console.log(`packed ${path.basename(tarball)}: ${(size / 1e6).toFixed(2)} MB`);

await fs.mkdirp(project);
const inProject = $({ cwd: project, nothrow: true, verbose: false, quiet: true, env: { ...process.env, NO_COLOR: '1', INIT_CWD: project } });
await inProject`npm init -y`;
await inProject`npm pkg set type=module`;
const install = await inProject`npm install --no-audit --no-fund ${tarball} vitest@4 typescript@5`;
check(install.exitCode === 0, `npm install of the tarball into a fresh project (exit ${install.exitCode})`);
for (const f of ['my-adapter.mjs', 'my-embedding.ts', 'conformance.test.ts']) await fs.copy(path.join(root, 'examples', f), path.join(project, f));

const help = await inProject`npx rnnspec --help`;
check(help.exitCode === 0 && /Commands:[\s\S]*run[\s\S]*list[\s\S]*golden/.test(help.stdout), 'npx rnnspec --help lists run, list, golden');
const version = await inProject`npx rnnspec --version`;
check(version.stdout.trim() === (await fs.readJson(path.join(root, 'package.json'))).version, 'npx rnnspec --version');

const mine = await inProject`npx rnnspec --adapter ./my-adapter.mjs --quiet`;
check(mine.exitCode === 0 && /my-rnn: 0 failed, \d+ passed/.test(mine.stdout), `npx rnnspec --adapter ./my-adapter.mjs passes (exit ${mine.exitCode})`);
const report = path.join(project, 'out', 'conformance', 'latest', 'report.json');
check(await fs.pathExists(report), 'the reports are written under the caller\'s folder (out/conformance/latest/report.json)');

const ts = await inProject`npx rnnspec run -a ./my-embedding.ts --quiet`;
check(ts.exitCode === 0 && /my-embedding: 0 failed, \d+ passed/.test(ts.stdout), `a TypeScript adapter runs without a build step (exit ${ts.exitCode})`);

const partly = await inProject`npx rnnspec --adapter ./missing.mjs --adapter ./my-adapter.mjs --quiet`;
check(partly.exitCode === 1 && /missing\.mjs: could not be loaded/.test(partly.stdout) && /my-rnn: 0 failed, \d+ passed/.test(partly.stdout),
  `a missing adapter is reported, the others still run, exit 1 (exit ${partly.exitCode})`);

const peer = await inProject`npx rnnspec --adapter onnxruntime --quiet`;
check(peer.exitCode === 2 && /npm install -D onnxruntime-node/.test(peer.stdout), `a backend that is not installed says how to install it, exit 2 (exit ${peer.exitCode})`);

const vitest = await inProject`npx vitest run conformance.test.ts`;
check(vitest.exitCode === 0 && /Tests\s+\d+ passed/.test(vitest.stdout), `describeConformance in the user's vitest run (exit ${vitest.exitCode})`);

await fs.writeJson(path.join(project, 'tsconfig.json'), {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] },
  include: ['my-embedding.ts'],
});
const tsc = await inProject`npx tsc -p .`;
check(tsc.exitCode === 0, `the TypeScript example type-checks against rnnspec/contract ${tsc.stdout.trim()}`);

console.log(`${failures.length === 0 ? 'package check passed' : `${failures.length} package checks failed`} in ${((Date.now() - started) / 1000).toFixed(0)} s (${work})`);
if (failures.length === 0) await fs.remove(work);
process.exitCode = failures.length === 0 ? 0 : 1;
