// Boots an isolated adapter's worker thread: TypeScript support (tsx), then the host module.
import { register } from 'tsx/esm/api';

register();
await import('./host.ts');
