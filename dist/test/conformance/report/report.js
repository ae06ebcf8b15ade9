export function summarize(implementation, cases) {
    const byFeature = new Map();
    const add = (f, r) => byFeature.set(f, [...(byFeature.get(f) ?? []), r]);
    for (const c of cases) {
        for (const f of c.features)
            add(f, c);
        for (const [f, reason] of Object.entries(c.unsupportedFeatures ?? {}))
            add(f, { ...c, status: 'unsupported', message: reason });
    }
    const features = [...byFeature.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([feature, rs]) => {
        const count = (s) => rs.filter((r) => r.status === s).length;
        const passed = rs.filter((r) => r.status === 'pass');
        const failed = rs.find((r) => r.status === 'fail');
        const status = failed ? 'fail' : passed.length > 0 ? 'pass' : 'unsupported';
        return {
            feature, status, pass: count('pass'), fail: count('fail'), unsupported: count('unsupported'),
            headroom: Math.max(0, ...passed.map((r) => r.headroom)),
            maxAbsError: Math.max(0, ...passed.map((r) => r.maxAbsError)),
            note: failed ? `${failed.id}: ${failed.message}` : status === 'unsupported' ? rs[0].message : '',
        };
    });
    return { implementation, cases, features };
}
function cellText(c) {
    if (!c)
        return '-';
    if (c.status === 'pass')
        return `pass ${c.pass} (err ${c.maxAbsError === 0 ? '0' : c.maxAbsError.toExponential(1)}, h ${c.headroom.toFixed(2)})`;
    if (c.status === 'fail')
        return `FAIL ${c.fail}/${c.pass + c.fail}`;
    return 'unsupported';
}
/** The matrix: one row per feature, one column per implementation. */
export function matrixRows(reports) {
    const features = [...new Set(reports.flatMap((r) => r.features.map((f) => f.feature)))].sort();
    return [
        ['feature', ...reports.map((r) => r.implementation)],
        ...features.map((f) => [f, ...reports.map((r) => cellText(r.features.find((x) => x.feature === f)))]),
    ];
}
const num = (x) => (Number.isFinite(x) ? x.toExponential(1) : String(x));
const VOTE_TITLE = 'golden (PyTorch) vs reference vs onnxruntime, forward values';
const FIDELITY_TITLE = "PyTorch's torch.onnx.export models run in onnxruntime vs PyTorch's own outputs";
const closestFirst = (f) => [...f.rows].sort((a, b) => b.headroom - a.headroom);
function extrasText(x) {
    const out = [];
    const d = x.disagreements;
    if (d) {
        out.push('', `disagreements (${VOTE_TITLE}): ${d.voted} cases voted, ${d.agree} agree, ${d.disagreements.length} disagree`);
        for (const v of d.disagreements)
            out.push(`  ${v.id}: ${v.verdict}${v.odd ? ` (${v.odd})` : ''}: ${v.message}`);
        for (const u of d.unanswered)
            out.push(`  not voted ${u.id}: ${u.reason}`);
    }
    const f = x.exportFidelity;
    if (f) {
        const fails = f.rows.filter((r) => r.status === 'fail');
        const worst = closestFirst(f).filter((r) => r.status === 'pass').slice(0, 3);
        out.push('', `ONNX export fidelity (${FIDELITY_TITLE}, atol ${f.tolerance.atol}, rtol ${f.tolerance.rtol}): ${f.rows.length - fails.length} pass, ${fails.length} fail`);
        for (const r of fails)
            out.push(`  FAIL ${r.id} (${r.onnx}): max abs error ${num(r.maxAbsError)}: ${r.message}`);
        if (worst.length > 0)
            out.push(`  closest passes: ${worst.map((r) => `${r.id} max abs error ${num(r.maxAbsError)} headroom ${r.headroom.toFixed(2)}`).join('; ')}`);
        if (f.rows.length > 0)
            out.push('  every exported case: report.md and report.json');
    }
    return out;
}
export function formatText(reports, extras = {}) {
    const rows = matrixRows(reports);
    const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
    const line = (r) => r.map((v, k) => v.padEnd(widths[k])).join('  ');
    const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
    for (const r of reports) {
        const count = (s) => r.cases.filter((c) => c.status === s).length;
        out.push('', `${r.implementation}: ${count('pass')} passed, ${count('fail')} failed, ${count('unsupported')} unsupported`);
        for (const c of r.cases.filter((x) => x.status === 'fail').slice(0, 20))
            out.push(`  FAIL ${c.id}: ${c.message}`, `       repro: ${c.repro}`);
        const more = count('fail') - 20;
        if (more > 0)
            out.push(`  ... and ${more} more failures (see the JSON report)`);
    }
    out.push(...extrasText(extras));
    return out.join('\n');
}
function extrasMarkdown(x) {
    const cell = (s) => s.replace(/\|/g, '\\|');
    const out = [];
    const d = x.disagreements;
    if (d) {
        out.push('## Disagreements between the oracles', '', `${VOTE_TITLE}, on the ${d.voted} cases all three answer: ${d.agree} agree, ${d.disagreements.length} disagree.`, '');
        if (d.disagreements.length > 0) {
            out.push('| case | verdict | odd one out | detail |', '| --- | --- | --- | --- |');
            for (const v of d.disagreements)
                out.push(`| \`${v.id}\` | ${v.verdict} | ${v.odd ?? '-'} | ${cell(v.message)} |`);
            out.push('');
        }
        for (const u of d.unanswered)
            out.push(`- not voted \`${u.id}\`: ${cell(u.reason)}`);
        if (d.unanswered.length > 0)
            out.push('');
    }
    const f = x.exportFidelity;
    if (f) {
        const fails = f.rows.filter((r) => r.status === 'fail').length;
        out.push('## ONNX export fidelity', '', `Does exporting to ONNX keep the behaviour? ${FIDELITY_TITLE} (atol ${f.tolerance.atol}, rtol ${f.tolerance.rtol}): ${f.rows.length - fails} pass, ${fails} fail.`, '');
        out.push('| case | model | status | max abs error | headroom |', '| --- | --- | --- | --- | --- |');
        for (const r of closestFirst(f))
            out.push(`| \`${r.id}\` | \`${r.onnx}\` | ${r.status === 'pass' ? 'pass' : `**FAIL**: ${cell(r.message)}`} | ${num(r.maxAbsError)} | ${r.headroom.toFixed(2)} |`);
        out.push('');
    }
    return out;
}
export function formatMarkdown(reports, extras = {}) {
    const rows = matrixRows(reports);
    const md = (r) => `| ${r.join(' | ')} |`;
    const out = ['# rnnspec conformance report', '', md(rows[0]), md(rows[0].map(() => '---')), ...rows.slice(1).map(md), ''];
    out.push('`err` is the largest |actual - expected| and `h` the worst headroom of the passing cases: worst |a - e| / (atol + rtol |e|); 1.00 is at the tolerance.', '');
    for (const r of reports) {
        const failures = r.cases.filter((c) => c.status === 'fail');
        const unsupported = r.features.filter((f) => f.status === 'unsupported');
        if (failures.length === 0 && unsupported.length === 0)
            continue;
        out.push(`## ${r.implementation}`, '');
        for (const c of failures)
            out.push(`- **FAIL** \`${c.id}\`: ${c.message} (repro: \`${c.repro}\`)`);
        for (const f of unsupported)
            out.push(`- unsupported \`${f.feature}\`: ${f.note}`);
        out.push('');
    }
    out.push(...extrasMarkdown(extras));
    return out.join('\n');
}
const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export function formatJUnit(reports) {
    const suites = reports.map((r) => {
        const count = (s) => r.cases.filter((c) => c.status === s).length;
        const cases = r.cases.map((c) => {
            const open = `    <testcase classname="rnnspec.${xml(r.implementation)}.${c.kind}" name="${xml(c.id)}" time="${(c.ms / 1000).toFixed(4)}"`;
            if (c.status === 'pass')
                return `${open}/>`;
            if (c.status === 'unsupported')
                return `${open}>\n      <skipped message="${xml(c.message)}"/>\n    </testcase>`;
            return `${open}>\n      <failure message="${xml(c.message)}">${xml(`${c.message}\nrepro: ${c.repro}`)}</failure>\n    </testcase>`;
        });
        return [
            `  <testsuite name="${xml(r.implementation)}" tests="${r.cases.length}" failures="${count('fail')}" skipped="${count('unsupported')}">`,
            ...cases,
            '  </testsuite>',
        ].join('\n');
    });
    return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="rnnspec">', ...suites, '</testsuites>', ''].join('\n');
}
export function formatJson(reports, extras = {}) {
    return JSON.stringify({ reports, ...extras }, (_, v) => (v === Infinity ? 'Infinity' : v), 2) + '\n';
}
