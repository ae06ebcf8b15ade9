/**
 * An error the runner raises about an adapter call (a time-out, a worker thread that died), never
 * one the adapter threw: where PyTorch raises (contract v2, `errors`), it does not count as the
 * adapter raising.
 */
export class RunnerError extends Error {
  override name = 'RunnerError';
}
