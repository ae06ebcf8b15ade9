/**
 * Setup of the mutation run (vitest.stryker.config.ts): every property test draws from one fixed
 * seed. A mutant is then judged by the same cases on every run, and the tests keep their names
 * (@fast-check/vitest puts the seed in the name), which Stryker's incremental mode matches results by.
 */
import { fc } from '@fast-check/vitest';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20261130 });
