import type { Store } from '@wygc/routing-core';

/**
 * A store behind a switch: while down, every call the forwarder makes fails as an unreachable database
 * would, and the change feed delivers nothing.
 */
export const createSwitchableStore = (inner: Store): { store: Store; setDown(down: boolean): void } => {
  let down = false;
  const unavailable = () => Object.assign(new Error('store unreachable'), { code: 'UNAVAILABLE' });
  const guard = <T>(run: () => Promise<T>): Promise<T> => (down ? Promise.reject(unavailable()) : run());
  const store: Store = {
    ...inner,
    forTenant(tenantId, context) {
      const tenant = inner.forTenant(tenantId, context);
      return {
        ...tenant,
        calls: {
          append: (records) => guard(() => tenant.calls.append(records)),
          list: (query) => guard(() => tenant.calls.list(query)),
        },
      };
    },
    routingTables: {
      listAll: () => guard(() => inner.routingTables.listAll()),
      watch: (listener) =>
        inner.routingTables.watch((change) => {
          if (!down) listener(change);
        }),
    },
  };
  return {
    store,
    setDown(value) {
      down = value;
    },
  };
};
