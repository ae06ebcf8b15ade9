import { loadGolden } from './test/harness/golden.ts';
import { suiteCases } from './test/conformance/cases.ts';
import { runSuite } from './test/conformance/judge.ts';
import { summarize } from './test/conformance/report/index.ts';
import { loadAdapter } from './test/conformance/adapters.ts';
const cases = suiteCases(loadGolden().cases);
for (const name of process.argv.slice(2)) {
  const { adapter } = await loadAdapter(name);
  const errors = process.env.ERRORS ? { ...adapter.capabilities, errors: true as const } : adapter.capabilities;
  const a = { ...adapter, capabilities: errors, name: adapter.name };
  const rs = await runSuite(a, cases.filter((c) => process.env.KIND ? c.kind === process.env.KIND : true));
  for (const r of rs) if (r.status === 'fail') console.log(name, r.id, r.message.slice(0, 200));
  for (const f of summarize(name, rs).features) if (/tensor|errors|packed_internals|sparse_coo|in_place/.test(f.feature)) console.log(name, f.feature, f.status, JSON.stringify(f.counts));
  await adapter.dispose?.();
}
