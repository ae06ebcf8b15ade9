/** writeReports: the four files in the folder given, their paths returned; a second run in another folder leaves the first alone. */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, writeReports } from '../../../conformance/report/index.ts';
import { meta, reports, result } from './results.ts';

describe('writeReports', () => {
  it('writes report.json, report.md, junit.xml and report.html into the folder and returns their paths', () => {
    const root = mkdtempSync(join(tmpdir(), 'rnnspec-reports-'));
    const rs = reports();
    const first = writeReports(join(root, 'run-1'), rs, {}, meta(rs));
    const other = [summarize('other', [result('rnn/a', 'pass', ['rnn.forward'])])];
    writeReports(join(root, 'run-2'), other, {}, meta(other));

    expect(first).toEqual({ json: join(root, 'run-1', 'report.json'), markdown: join(root, 'run-1', 'report.md'), junit: join(root, 'run-1', 'junit.xml'), html: join(root, 'run-1', 'report.html') });
    expect(readdirSync(join(root, 'run-1')).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(JSON.parse(readFileSync(first.json, 'utf8')).implementations.map((i: { implementation: string }) => i.implementation)).toEqual(['impl', 'tfjs']);
    expect(readFileSync(first.markdown, 'utf8')).toMatch(/^# rnnspec conformance report/);
    expect(readFileSync(first.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rnnspec"/);
    expect(readFileSync(first.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});
