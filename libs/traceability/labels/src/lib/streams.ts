/**
 * Gives up on a destination after a failure: destroyed without an error, so a file stream closes its descriptor and
 * no 'error' event can crash a caller that has no listener; the caller learns of the failure from the rejected
 * promise and removes the partial file.
 */
export function abandon(out: NodeJS.WritableStream): void {
  const destroyable = out as NodeJS.WritableStream & { destroy?: () => void };
  destroyable.destroy?.();
}

/**
 * Resolves when `out` drains, or at once / as soon as it fails or closes (a failed destination never drains; the
 * caller then finds the recorded error).
 */
export function drained(out: NodeJS.WritableStream, failed: () => boolean): Promise<void> {
  const state = out as NodeJS.WritableStream & { destroyed?: boolean; writableNeedDrain?: boolean };
  if (failed() || state.destroyed || state.writableNeedDrain === false) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      out.removeListener('drain', done);
      out.removeListener('close', done);
      out.removeListener('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}
