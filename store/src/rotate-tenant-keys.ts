import type { DataKeys } from './data-keys.ts';
import { type Keyring, parseWrappedKey } from './keyring.ts';
import type { StoreDriver } from './store-driver.ts';

export interface KeyRotationReport {
  readonly rewrapped: number;
  readonly skipped: number;
}

/**
 * Re-wraps every active tenant's data key under `keyring` (a new key-encryption key, or the new
 * primary version of the same one). Data is not touched: it stays encrypted under the same data keys.
 * Run it after `rotate()` on the key file, or when moving from the key file to Cloud KMS; afterwards the
 * old KEK version can be removed.
 */
export const rotateTenantKeys = async (options: {
  readonly driver: StoreDriver;
  readonly dataKeys: DataKeys;
  readonly keyring: Keyring;
  readonly onProgress?: (done: number, total: number) => void;
}): Promise<KeyRotationReport> => {
  const tenants = await options.driver.listTenants();
  let rewrapped = 0;
  let skipped = 0;
  for (const [index, tenant] of tenants.entries()) {
    if (tenant.status !== 'active' || !tenant.wrappedKey) {
      skipped++;
    } else {
      const next = await options.dataKeys.rewrap(
        tenant.id,
        parseWrappedKey(JSON.parse(tenant.wrappedKey)),
        options.keyring,
      );
      await options.driver.commit([
        { op: 'putTenant', tenant: { ...tenant, wrappedKey: JSON.stringify(next) } },
      ]);
      rewrapped++;
    }
    options.onProgress?.(index + 1, tenants.length);
  }
  return { rewrapped, skipped };
};
