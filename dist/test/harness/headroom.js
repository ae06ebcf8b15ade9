/**
 * Records the headroom of every golden comparison (worst |a-e| / (atol + rtol |e|)) so that a
 * pass close to its tolerance is visible: `flushHeadroom` writes out/headroom/<group>.json and
 * prints the closest calls.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const rows = new Map();
export function recordHeadroom(group, caseId, value, c) {
    rows.set(group, [...(rows.get(group) ?? []), { case: caseId, value, headroom: c.headroom, maxAbsError: c.maxAbsError }]);
}
export function flushHeadroom(group, show = 3) {
    const all = (rows.get(group) ?? []).sort((a, b) => b.headroom - a.headroom);
    mkdirSync('out/headroom', { recursive: true });
    writeFileSync(join('out/headroom', `${group}.json`), JSON.stringify(all, null, 1) + '\n');
    if (all.length > 0) {
        const top = all.slice(0, show).map((r) => `${r.case} ${r.value} ${r.headroom.toPrecision(3)}`).join('; ');
        console.log(`golden ${group}: ${all.length} comparisons, closest to tolerance: ${top}`);
    }
    return all;
}
