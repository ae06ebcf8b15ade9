/**
 * Python's `warnings.warn`, for the UserWarnings PyTorch emits (docs/spec.md §1.4, §1.5, §3.4).
 *
 * Warnings go to every registered listener; with none registered they are printed once per text
 * with console.warn, as Python's default filter does. `catchWarnings(fn)` records them instead,
 * like `warnings.catch_warnings(record=True)`.
 */

export interface Warning {
  type: 'UserWarning';
  message: string;
}

const listeners: Array<(w: Warning) => void> = [];
const printed = new Set<string>();

export function warn(message: string, type: Warning['type'] = 'UserWarning'): void {
  const w = { type, message };
  if (listeners.length > 0) {
    for (const listener of listeners) listener(w);
  } else if (!printed.has(message)) {
    printed.add(message);
    console.warn(`${type}: ${message}`);
  }
}

/** Runs `fn` and returns its result with every warning it raised, in order. */
export function catchWarnings<T>(fn: () => T): { result: T; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const listener = (w: Warning) => warnings.push(w);
  listeners.push(listener);
  try {
    return { result: fn(), warnings };
  } finally {
    listeners.splice(listeners.indexOf(listener), 1);
  }
}
