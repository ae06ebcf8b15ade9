/** Tests of the fixture loader: every kind of bad golden/ is refused with a message naming the file. */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPORTER, GOLDEN_ROOT, NEWEST_TORCH, TORCH_VERSIONS, decodeJsValue, decodeTensor, encodeTensor, loadGolden, sha256, type TorchVersion,
} from '../../harness/golden.ts';

function caseJson(id: string): string {
  const [group] = id.split('/');
  const c = {
    id, group, api: 'tensor', description: 'a test case', args: { dtype: null, requires_grad: false },
    inputs: { data: [1, 2] },
    expected: { outputs: { result: { dtype: 'int64', shape: [2], data: [1, 2] } } },
  };
  return JSON.stringify(c, null, 1) + '\n';
}

let root: string;
let dir: string; // root/2.6, a version folder
function writeGolden(ids: string[], extra: (files: Record<string, string>) => void = () => {}, version = '2.6'): void {
  const files: Record<string, string> = {};
  for (const id of ids) {
    const file = `cases/${id}.json`;
    mkdirSync(join(dir, 'cases', id.split('/')[0]), { recursive: true });
    writeFileSync(join(dir, file), caseJson(id));
    files[file] = sha256(caseJson(id));
  }
  extra(files);
  const manifest = {
    format: 2, version, torch: '2.6.0+debian', onnx: '1.17.0', numpy: '2.2.4', python: '3.13.5', blas: 'generic: /usr/lib/libblas.so.3',
    exporter_sha256: '0'.repeat(64), cases: ids, files,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rnnspec-golden-'));
  dir = join(root, '2.6');
  mkdirSync(dir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
const load = (exporter: string | null = null) => loadGolden({ torch: '2.6', dir, exporter });

describe('loadGolden', () => {
  it('loads a valid set in manifest order', () => {
    writeGolden(['tensor/b', 'tensor/a']);
    expect(load().cases.map((c) => c.id)).toEqual(['tensor/b', 'tensor/a']);
  });
  it('refuses a corrupt file, naming it', () => {
    writeGolden(['tensor/a']);
    writeFileSync(join(dir, 'cases/tensor/a.json'), caseJson('tensor/a').replace('[1, 2]', '[1, 3]').replace('"data": [\n', '"data": [\n'));
    appendFileSync(join(dir, 'cases/tensor/a.json'), ' ');
    expect(() => load()).toThrow('golden/2.6/cases/tensor/a.json does not match its sha256');
  });
  it('refuses a truncated file whose hash was updated, naming it', () => {
    writeGolden(['tensor/a'], (files) => {
      const truncated = caseJson('tensor/a').slice(0, 40);
      writeFileSync(join(dir, 'cases/tensor/a.json'), truncated);
      files['cases/tensor/a.json'] = sha256(truncated);
    });
    expect(() => load()).toThrow('golden/2.6/cases/tensor/a.json is not valid JSON');
  });
  it('refuses a file that is not in the manifest (stale)', () => {
    writeGolden(['tensor/a']);
    writeFileSync(join(dir, 'cases/tensor/old.json'), caseJson('tensor/old'));
    expect(() => load()).toThrow('golden/2.6/cases/tensor/old.json is not listed in golden/2.6/manifest.json');
  });
  it('refuses fixtures written by another exporter version (stale)', () => {
    writeGolden(['tensor/a']);
    const exporter = join(root, 'exporter');
    mkdirSync(exporter);
    writeFileSync(join(exporter, 'output.py'), '# a changed exporter\n');
    expect(() => load(exporter)).toThrow(/golden\/2.6\/manifest.json is stale/);
  });
  it('refuses a duplicate case id, naming it', () => {
    writeGolden(['tensor/a', 'tensor/a']);
    expect(() => load()).toThrow("golden/2.6/cases/tensor/a.json: duplicate case id 'tensor/a'");
  });
  it('refuses a case that breaks the schema, naming the file and field', () => {
    writeGolden(['tensor/a'], (files) => {
      const bad = caseJson('tensor/a').replace('"int64"', '"int128"');
      writeFileSync(join(dir, 'cases/tensor/a.json'), bad);
      files['cases/tensor/a.json'] = sha256(bad);
    });
    expect(() => load()).toThrow(/golden\/2.6\/cases\/tensor\/a.json does not follow the fixture schema: expected/);
  });
  it('refuses a file whose id disagrees with its path', () => {
    writeGolden(['tensor/a'], (files) => {
      const moved = caseJson('tensor/zzz');
      writeFileSync(join(dir, 'cases/tensor/a.json'), moved);
      files['cases/tensor/a.json'] = sha256(moved);
    });
    expect(() => load()).toThrow("golden/2.6/cases/tensor/a.json holds case 'tensor/zzz'");
  });
});

describe('binary side files (large tensors)', () => {
  const values = Float32Array.from([1.5, -0, 3.4028235e38, NaN, 1e-45, 0.1]);
  const bytes = (): Buffer => Buffer.from(values.buffer.slice(0));
  const sideFile = 'data/tensor/a/expected.outputs.result.bin';
  function writeSide(content: Buffer, refHash = sha256(bytes()), manifestHash = sha256(content), shape = [2, 3]): void {
    writeGolden(['tensor/a'], (files) => {
      const text = JSON.stringify({ ...JSON.parse(caseJson('tensor/a')), expected: { outputs: { result: { dtype: 'float32', shape, file: sideFile, sha256: refHash } } } });
      writeFileSync(join(dir, 'cases/tensor/a.json'), text);
      files['cases/tensor/a.json'] = sha256(text);
      mkdirSync(join(dir, 'data/tensor/a'), { recursive: true });
      writeFileSync(join(dir, sideFile), content);
      files[sideFile] = manifestHash;
    });
  }
  const result = () => load().cases[0].expected.outputs!.result as Parameters<typeof decodeTensor>[0];
  it('are read back bit-exact: -0, the float32 maximum, NaN, a subnormal', () => {
    writeSide(bytes());
    const back = decodeTensor(result());
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data as Float32Array)).toEqual(Array.from(values));
    expect(Object.is((back.data as Float32Array)[1], -0)).toBe(true);
  });
  it('refuses a damaged side file, naming it (the manifest hash catches it first)', () => {
    const damaged = bytes();
    damaged[0] ^= 1;
    writeSide(damaged, sha256(bytes()), sha256(bytes()));
    expect(() => load()).toThrow(`golden/2.6/${sideFile} does not match its sha256 in golden/2.6/manifest.json`);
  });
  it('refuses a damaged side file whose manifest entry was updated, naming it and the case file', () => {
    const damaged = bytes();
    damaged[5] ^= 0x80;
    writeSide(damaged);
    expect(() => load()).toThrow(`golden/2.6/${sideFile} (referenced by golden/2.6/cases/tensor/a.json) does not match its sha256 in the case file`);
  });
  it('refuses a side file whose length is not the shape\'s', () => {
    writeSide(bytes(), sha256(bytes()), sha256(bytes()), [7]);
    expect(() => load()).toThrow(`golden/2.6/${sideFile} (referenced by golden/2.6/cases/tensor/a.json) holds 24 bytes, not the 28 of a float32 tensor of shape [7]`);
  });
  it('refuses a side-file reference outside data/, naming the case file', () => {
    writeGolden(['tensor/a'], (files) => {
      const text = JSON.stringify({ ...JSON.parse(caseJson('tensor/a')), expected: { outputs: { result: { dtype: 'float32', shape: [1], file: '../../etc/passwd', sha256: '0'.repeat(64) } } } });
      writeFileSync(join(dir, 'cases/tensor/a.json'), text);
      files['cases/tensor/a.json'] = sha256(text);
    });
    expect(() => load()).toThrow('golden/2.6/cases/tensor/a.json does not follow the fixture schema');
  });
  it('refuses a missing side file, naming it', () => {
    writeSide(bytes());
    rmSync(join(dir, sideFile));
    expect(() => load()).toThrow(`golden/2.6/${sideFile} is listed in golden/2.6/manifest.json but missing`);
  });
});

describe('loadGolden is keyed by PyTorch version', () => {
  it('refuses a folder whose manifest records another version, naming both', () => {
    writeGolden(['tensor/a'], () => {}, '1.13');
    expect(() => load()).toThrow('golden/2.6/manifest.json records PyTorch 1.13 (torch 2.6.0+debian), not 2.6');
  });
  it('refuses an unknown version', () => {
    expect(() => loadGolden({ torch: '0.4' as TorchVersion })).toThrow('unknown PyTorch version 0.4: golden/ has 1.13, 2.6');
  });
  it('defaults to the newest version, 2.6', () => {
    expect(NEWEST_TORCH).toBe('2.6');
    expect(loadGolden().manifest.version).toBe('2.6');
  });
  it.each(TORCH_VERSIONS.map((v) => [v]))('golden/%s loads, checked against the exporter source (not stale)', (v) => {
    const set = loadGolden({ torch: v });
    expect(set.torch).toBe(v);
    expect(set.manifest.version).toBe(v);
    expect(set.manifest.torch.startsWith(`${v}.`)).toBe(true);
    expect(set.cases.length).toBeGreaterThan(500);
  });
  it('golden/ holds one folder per version the reference and the exporter know', () => {
    expect(readdirSync(GOLDEN_ROOT).sort()).toEqual([...TORCH_VERSIONS].sort());
    const exporterVersions = /^VERSIONS = \(([^)]*)\)/m.exec(readFileSync(join(EXPORTER, 'version.py'), 'utf8'))![1];
    expect(exporterVersions.split(',').map((v) => v.trim().replace(/"/g, '')).filter(Boolean)).toEqual([...TORCH_VERSIONS]);
  });
});

describe('JS value tags', () => {
  it('{"$cycle": 0} is the array that holds it: const z = [0]; z.push(z)', () => {
    const z = decodeJsValue([0, { $cycle: 0 }], (t) => t) as unknown[];
    expect(z[1]).toBe(z);
  });
  it('{"$cycle": 1} is the array one level up', () => {
    const outer = decodeJsValue([[1, { $cycle: 1 }]], (t) => t) as unknown[][];
    expect(outer[0][1]).toBe(outer);
  });
  it('{"$iterable"} is an iterable that is not an Array', () => {
    const it = decodeJsValue({ $iterable: [1, 2] }, (t) => t) as Iterable<number>;
    expect(Array.isArray(it)).toBe(false);
    expect([...it]).toEqual([1, 2]);
  });
});

describe('tensor encoding round-trips exactly', () => {
  it('decodes Python-written awkward float64 values exactly: subnormals, -0.0, inf, nan', () => {
    const text = '{"dtype": "float64", "shape": [6], "data": [5e-324, -0.0, "inf", "-inf", "nan", 0.1]}';
    const back = Array.from(decodeTensor(JSON.parse(text)).data as Float64Array);
    expect(back[0]).toBe(5e-324);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(back.slice(2, 4)).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN(back[4])).toBe(true);
    expect(back[5]).toBe(0.1);
  });
  it('float32 values written as float64 reprs come back bit-exact, subnormals included', () => {
    const values = Float32Array.from([1e-45, 1.1754942e-38, 3.4028235e38, 0.1, -2.5]);
    const back = decodeTensor(JSON.parse(JSON.stringify(encodeTensor({ dtype: 'float32', shape: [5], data: values })))).data;
    expect(Array.from(back as Float32Array)).toEqual(Array.from(values));
  });
  it('float64 non-finite values survive encode then decode', () => {
    const values = Float64Array.from([Infinity, -Infinity, NaN, 1.7976931348623157e308]);
    const back = decodeTensor(JSON.parse(JSON.stringify(encodeTensor({ dtype: 'float64', shape: [4], data: values })))).data;
    expect(Array.from(back as Float64Array)).toEqual(Array.from(values));
  });
  it('int64 2^53 ± 1 and the int64 extremes', () => {
    const values = BigInt64Array.from([2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n]);
    const json = encodeTensor({ dtype: 'int64', shape: [5], data: values });
    expect(json.data).toEqual([9007199254740991, '9007199254740992', '9007199254740993', '-9223372036854775808', '9223372036854775807']);
    expect(Array.from(decodeTensor(json).data as BigInt64Array)).toEqual(Array.from(values));
  });
});
