/**
 * Runs `create` on the first call and hands every caller the same promise. A failed creation is
 * forgotten, so the next call tries again instead of failing forever (a cold start that met a
 * briefly unreachable KMS recovers on the next request).
 */
export const lazy = <T>(create: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};
