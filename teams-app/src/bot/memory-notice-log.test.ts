import { createMemoryNoticeLog } from './memory-notice-log.ts';
import { describeNoticeLogContract } from './notice-log.contract.ts';

describeNoticeLogContract('memory', async () => ({ log: createMemoryNoticeLog(), tenantIds: ['t1', 't2'] }));
