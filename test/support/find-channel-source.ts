import type { PushChannel, Store } from '@wygc/routing-core';

/**
 * What a webhook needs to check a notification: the source that owns the push channel (Google watch
 * channel or Graph subscription) and the channel as stored, with its secret. Undefined for a channel
 * no source holds any more.
 */
export const findChannelSource = async (
  store: Store,
  channelId: string,
): Promise<{ tenantId: string; sourceId: string; channel: PushChannel } | undefined> => {
  const ref = await store.lookups.sourceByChannel(channelId);
  if (!ref) return undefined;
  const source = await store.forTenant(ref.tenantId, { actor: 'system:webhook' }).sources.get(ref.sourceId);
  const channel = source?.channel;
  return channel?.id === channelId ? { ...ref, channel } : undefined;
};
