import type { RoutingTarget, TargetGroup } from '@wygc/routing-core';

/** A target in --json output: `key` is null for a fallback given as a bare phone number. */
export interface TargetJson {
  readonly key: string | null;
  readonly phone: string;
}

export const targetJson = (target: RoutingTarget): TargetJson => ({
  key: target.key ?? null,
  phone: target.phone,
});

/** Groups in ringing order; the targets inside one group ring together. */
export const attemptsJson = (groups: readonly TargetGroup[]): TargetJson[][] =>
  groups.map((group) => group.map(targetJson));
