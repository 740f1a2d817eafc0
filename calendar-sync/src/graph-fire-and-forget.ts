/**
 * Runs a webhook callback without awaiting it (Graph wants its answer within 3 seconds, a sync takes
 * longer) and routes its failure to `onError` instead of an unhandled rejection.
 */
export const fireAndForget = (
  run: () => void | Promise<void>,
  onError: ((error: unknown) => void) | undefined,
) => {
  try {
    Promise.resolve(run()).catch((error: unknown) => onError?.(error));
  } catch (error) {
    onError?.(error);
  }
};
