/**
 * Which suite cases a run takes: `--filter` globs on case ids (`rnn/*bidir*`), `--feature` names
 * (`rnn.packed`), `--case` exact ids. Several values of one option are alternatives; different
 * options must all match. An exact id or feature that matches nothing is an error, not an empty run.
 */
import picomatch from 'picomatch';
import type { SuiteCase } from './cases.ts';

export interface Selection {
  filter?: readonly string[];
  features?: readonly string[];
  ids?: readonly string[];
}

export class SelectionError extends Error {
  override name = 'SelectionError';
}

export function selectCases(cases: readonly SuiteCase[], s: Selection): SuiteCase[] {
  const known = new Set(cases.flatMap((c) => c.features));
  const unknownFeatures = (s.features ?? []).filter((f) => !known.has(f));
  if (unknownFeatures.length > 0) throw new SelectionError(`no feature ${unknownFeatures.join(', ')} (known: ${[...known].sort().join(', ')})`);
  const unknownIds = (s.ids ?? []).filter((id) => !cases.some((c) => c.id === id));
  if (unknownIds.length > 0) throw new SelectionError(`no suite case ${unknownIds.join(', ')} (rnnspec list shows them)`);
  const globs = s.filter && s.filter.length > 0 ? picomatch([...s.filter]) : null;
  return cases.filter(
    (c) =>
      (!globs || globs(c.id)) &&
      (!s.features || s.features.length === 0 || s.features.some((f) => c.features.includes(f))) &&
      (!s.ids || s.ids.length === 0 || s.ids.includes(c.id)),
  );
}
