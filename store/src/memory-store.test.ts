import { createMemoryDriver } from './memory-driver.ts';
import { describeStoreContract } from './store.contract.ts';

describeStoreContract('memory', async () => ({ driver: createMemoryDriver() }));
