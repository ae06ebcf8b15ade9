// Boots an isolated adapter's worker thread. From rnnspec's TypeScript sources (a clone) the host
// needs tsx; from the compiled package it is plain JavaScript. A TypeScript adapter module is
// loaded through tsx either way (load-adapter.ts).
import { existsSync } from 'node:fs';

const source = new URL('./host.ts', import.meta.url);
if (existsSync(source)) {
  (await import('tsx/esm/api')).register();
  await import(source.href);
} else {
  await import(new URL('./host.js', import.meta.url).href);
}
