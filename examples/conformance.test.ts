// The suite inside your own vitest run: one test per case, a describe per feature.
import { describeConformance } from 'rnnspec/vitest';

describeConformance('./my-adapter.mjs', { features: ['rnn.tanh'] });
describeConformance('./my-embedding.ts');
