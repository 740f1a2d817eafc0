import { describeConversationRegistryContract } from './conversation-registry.contract.ts';
import { createMemoryConversationRegistry } from './memory-conversation-registry.ts';

describeConversationRegistryContract('memory', async () => ({
  registry: createMemoryConversationRegistry(),
  tenantIds: ['t1', 't2'],
}));
