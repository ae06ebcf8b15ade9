/** A run's metadata: rnnspec's version from its package.json, the command line quoted, the duration and counts. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLine, rnnspecVersion, runMeta, summarize } from '../../../conformance/report/index.ts';
import { implCases } from './results.ts';

describe('run metadata', () => {
  it("rnnspec's version is the nearest package.json named rnnspec above the module, whatever sits between", () => {
    const root = mkdtempSync(join(tmpdir(), 'rnnspec-meta-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'rnnspec', version: '9.8.7' }));
    mkdirSync(join(root, 'dist', 'report'), { recursive: true });
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));

    expect(rnnspecVersion(join(root, 'dist', 'report'))).toBe('9.8.7');
    expect(rnnspecVersion(tmpdir())).toBe('unknown');
  });

  it('the command line quotes only the arguments that need it', () => {
    expect(commandLine(['rnnspec', 'run', '--adapter', './my adapter.mjs', '--filter', 'rnn/*', "it's"])).toBe(`rnnspec run --adapter './my adapter.mjs' --filter 'rnn/*' 'it'\\''s'`);
  });

  it('the duration is the time from start to finish; the counts are per adapter and overall', () => {
    const rs = [summarize('a', implCases), summarize('b', implCases.slice(0, 2))];
    const m = runMeta({ pytorch: '1.13', adapters: [], startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:01:04.200Z'), argv: ['rnnspec'] }, rs);

    expect(m).toMatchObject({ startedAt: '2026-01-01T00:00:00.000Z', durationMs: 64_200, platform: `${process.platform}-${process.arch}` });
    expect(m.counts.byAdapter.b).toEqual({ total: 2, failed: 1, expectedFailures: 0, passed: 1, fixed: 0, unsupported: 0 });
    expect(m.counts.overall).toEqual({ total: 8, failed: 2, expectedFailures: 0, passed: 3, fixed: 0, unsupported: 3 });
  });
});
