import { createMemoryDriver } from './memory-driver.ts';
import { describeStoreDriverContract } from './store-driver.contract.ts';

describeStoreDriverContract('memory', async () => ({ driver: createMemoryDriver() }));
