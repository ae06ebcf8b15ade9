/**
 * The JUnit XML report: well-formed whatever an adapter throws (checked with fast-xml-parser's
 * validator and against XML 1.0's Char production), a failure for a failure, skipped for an
 * unsupported case and an expected failure, an error for an adapter that did not load, headroom
 * as properties.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatJUnit, summarize, unloadable } from '../../../conformance/report/index.ts';
import { HOSTILE, hostileCases, meta, reports } from './results.ts';

/** A UTF-16 unit outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]: a surrogate only in a pair). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);

describe('the JUnit report', () => {
  it('stays well-formed with a hostile adapter message: ANSI colours, NUL, ESC, a lone surrogate, ]]>, <script>, &', () => {
    const rs = [summarize('evil "<impl>"', hostileCases)];
    const xml = formatJUnit(rs, meta(rs));

    expect(XMLValidator.validate(xml, { allowBooleanAttributes: false })).toBe(true);
    expect(xml).not.toMatch(NOT_XML_CHAR);
    const doc = parse(xml);
    const [failing, skipped] = doc.testsuites.testsuite[0].testcase;
    const message = 'boom nul  esc  lone ]]> <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2"> & "q" \'s\'';
    expect(doc.testsuites.testsuite[0].name).toBe('evil "<impl>"');
    expect(failing.failure.message).toBe(message);
    expect(failing.failure['#text']).toBe(`${message}\nfixture: golden/cases/rnn/h.json\nrepro: npm run conformance -- --adapter ./evil<b>.mjs --case rnn/h`);
    expect(skipped.skipped.message).toBe(`not claimed: ${message}`);
  });

  it('the hostile message itself is outside XML 1.0, each of its NUL, ESC and lone surrogate (the test checks what it claims to)', () => {
    for (const ch of ['\u0000', '\u001b', '\ud800', '\udc00', '\uffff']) expect(HOSTILE.replace(/[\u0000\u001b\ud800]/g, '') + ch).toMatch(NOT_XML_CHAR);
    expect(HOSTILE).toMatch(NOT_XML_CHAR);
    expect('tab\t new\n cr\r é 😀 \ud7ff \ue000').not.toMatch(NOT_XML_CHAR);
  });

  it('counts failures, skips and errors; expected failures are skipped with the baseline note, fixed cases pass with a note', () => {
    const rs = [...reports(), unloadable('broken', 'Cannot find module ./nope.mjs')];
    const doc = parse(formatJUnit(rs, meta(rs)));
    const [impl, tfjs, broken] = doc.testsuites.testsuite;

    expect(doc.testsuites).toMatchObject({ name: 'rnnspec', tests: '9', failures: '2', errors: '1', skipped: '4', time: '12.3000' });
    expect(impl).toMatchObject({ name: 'impl', tests: '6', failures: '1', skipped: '3', errors: '0', timestamp: '2026-01-02T03:04:05.000Z' });
    expect(tfjs).toMatchObject({ name: 'tfjs', tests: '3', failures: '1', skipped: '1' });
    const [expected, fresh, fixed] = tfjs.testcase;
    expect(expected.skipped.message).toBe('expected failure: listed in the baseline, not counted as failing: h_n[0,1] = 2 but should be 1');
    expect(fresh.failure.message).toBe('tfjs threw: no packed sequences');
    expect(fixed.failure).toBeUndefined();
    expect(fixed['system-out']).toMatch(/^listed in the baseline as a known failure but passes now/);
    expect(broken.testcase[0].error).toMatchObject({ message: 'Cannot find module ./nope.mjs', type: 'load' });
  });

  it('a failure carries its mismatch, fixture and repro; every case its headroom and fixture as properties', () => {
    const rs = reports();
    const doc = parse(formatJUnit(rs, meta(rs)));
    const [pass, fail, unsupported] = doc.testsuites.testsuite[0].testcase;
    const props = (t: { properties: { property: Array<{ name: string; value: string }> } }) => Object.fromEntries(t.properties.property.map((p) => [p.name, p.value]));

    expect(fail).toMatchObject({ classname: 'rnnspec.impl.rnn', name: 'rnn/b', time: '0.0020' });
    expect(fail.failure.type).toBe('mismatch');
    expect(fail.failure['#text']).toContain('\nmismatch: 2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)\nfixture: golden/cases/rnn/b.json\nrepro: npm run conformance -- --adapter impl --case rnn/b');
    expect(props(pass)).toEqual({ headroom: '0.5', maxAbsError: '2.4e-7', fixture: 'golden/cases/rnn/a.json' });
    expect(props(fail).headroom).toBe('Infinity');
    expect(unsupported.skipped.message).toBe('float64 is not claimed');
    expect(props(doc.testsuites.testsuite[1])).toMatchObject({ pytorch: '1.13', adapter: '/home/me/tfjs adapter.mjs' });
  });
});
