/**
 * Every section citation in the code resolves to a heading of the project's own documents
 * (docs/design.md §9): `docs/design.md §N` to a heading of docs/design.md, `docs/spec.md §N.M` and
 * a bare `§N.M` to one of docs/spec.md; and no file cites a document outside the project.
 * It runs over reference/, impl/, test/ and scripts/, so a merge that brings back an old anchor or
 * renumbers a section fails here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCANNED = ['reference', 'impl', 'test', 'scripts'];
const TEXT = new Set(['.ts', '.mts', '.mjs', '.js', '.py', '.md']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.has(extname(name))) yield path;
  }
}

/** Section numbers of a document's numbered headings: `## 2. Title` is "2", `### 2.3 Title` is "2.3". */
function sections(doc: string): Set<string> {
  const numbers = readFileSync(join(ROOT, 'docs', doc), 'utf8')
    .split('\n')
    .map((line) => /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined);
  return new Set(numbers);
}

interface Citation {
  where: string;
  doc: 'spec.md' | 'design.md';
  section: string;
}

/** `docs/design.md §5`, `docs/spec.md §3.2`, or a bare `§3.2` (docs/spec.md), ranges cited end by end. */
function citations(): Citation[] {
  const found: Citation[] = [];
  for (const top of SCANNED) {
    for (const path of files(join(ROOT, top))) {
      readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/(?:docs\/(spec|design)\.md )?§(\d+(?:\.\d+)*)/g)) {
          found.push({ where: `${relative(ROOT, path)}:${i + 1}`, doc: m[1] === 'design' ? 'design.md' : 'spec.md', section: m[2] });
        }
      });
    }
  }
  return found;
}

describe('citations of the project\'s documents', () => {
  const headings = { 'spec.md': sections('spec.md'), 'design.md': sections('design.md') };
  const all = citations();

  it('the documents have numbered sections and the code cites them', () => {
    expect(headings['spec.md'].size).toBeGreaterThan(20);
    expect(headings['design.md'].size).toBeGreaterThan(5);
    expect(all.length).toBeGreaterThan(50);
  });

  it('every docs/spec.md, docs/design.md and bare § citation names an existing section heading', () => {
    const dangling = all.filter((c) => !headings[c.doc].has(c.section)).map((c) => `${c.where}: docs/${c.doc} §${c.section}`);
    expect(dangling).toEqual([]);
  });

  it('no file cites a document outside the project (the developers\' notes next to the repository)', () => {
    // the old names, spelled in pieces so that this file does not match its own search
    const OUTSIDE = new RegExp(['shared/' + 'spec', 'pytorch-' + 'semantics', 'onnx-and-' + 'peers', 'DESIGN' + '\\.md'].join('|'));
    const outside: string[] = [];
    for (const top of [...SCANNED, 'docs']) {
      for (const path of files(join(ROOT, top))) {
        readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
          if (OUTSIDE.test(line)) outside.push(`${relative(ROOT, path)}:${i + 1}`);
        });
      }
    }
    expect(outside).toEqual([]);
  });
});
