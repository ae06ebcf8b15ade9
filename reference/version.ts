/**
 * The PyTorch version the reference emulates: ONE parameter, read where the versions differ.
 *
 * rnnspec records PyTorch 1.13 (Debian 12) and 2.6 (Debian 13). Their numerics agree bit for bit
 * here; what differs is the surface (README, "What changed between 1.13 and 2.6"): how nn.RNN binds
 * its positional arguments, which checks run and with which error type and text, and new options
 * such as pad_sequence's `padding_side`. Each such place asks `sinceTorch('2.6', newer, older)` or
 * `torchAtLeast('2.6')`; no file is forked per version.
 *
 * The version is dynamically scoped: `withTorchVersion('1.13', () => ...)` runs a (synchronous)
 * function as 1.13 and restores the previous version afterwards, also when it throws. Outside any
 * scope the reference is the newest version, NEWEST_TORCH. A module remembers nothing: what counts is
 * the version in force when its constructor or forward runs.
 */

/** The recorded versions, oldest first (golden/<version>/ holds each one's fixtures). */
export const TORCH_VERSIONS = ['1.13', '2.6'] as const;
export type TorchVersion = (typeof TORCH_VERSIONS)[number];
export const NEWEST_TORCH: TorchVersion = TORCH_VERSIONS[TORCH_VERSIONS.length - 1];

let current: TorchVersion = NEWEST_TORCH;

/** The version in force. */
export function torchVersion(): TorchVersion {
  return current;
}

export function isTorchVersion(v: unknown): v is TorchVersion {
  return (TORCH_VERSIONS as readonly unknown[]).includes(v);
}

/** Runs `fn` with the reference emulating PyTorch `version`, then restores the version in force before. */
export function withTorchVersion<T>(version: TorchVersion, fn: () => T): T {
  if (!isTorchVersion(version)) {
    throw new RangeError(`rnnspec: unknown PyTorch version ${String(version)}; known: ${TORCH_VERSIONS.join(', ')}`);
  }
  const before = current;
  current = version;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** True when the version in force is `version` or newer. */
export function torchAtLeast(version: TorchVersion): boolean {
  return TORCH_VERSIONS.indexOf(current) >= TORCH_VERSIONS.indexOf(version);
}

/** `newer` from PyTorch `version` on, `older` before it. */
export function sinceTorch<T>(version: TorchVersion, newer: T, older: T): T {
  return torchAtLeast(version) ? newer : older;
}
