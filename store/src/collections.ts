/**
 * The collections every driver stores, and the clear (non-personal) fields each one indexes. All
 * other fields of a record travel in `sealed`, encrypted with the tenant key before a driver sees them.
 */
export const collectionSpecs = {
  admins: {
    fields: { emailIndex: 'string', entraId: 'string?', googleSub: 'string?' },
    uniquePerTenant: ['emailIndex'],
    uniqueGlobal: ['entraId', 'googleSub'],
  },
  contacts: { fields: { keyNorm: 'string' }, uniquePerTenant: ['keyNorm'], uniqueGlobal: [] },
  sources: { fields: { channelId: 'string?' }, uniquePerTenant: [], uniqueGlobal: ['channelId'] },
  numbers: { fields: { did: 'string' }, uniquePerTenant: [], uniqueGlobal: ['did'] },
  events: { fields: { sourceId: 'string' }, uniquePerTenant: [], uniqueGlobal: [] },
  tables: { fields: { did: 'string', version: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
  calls: { fields: { at: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
  audit: { fields: { at: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
  // A Teams user or team has one conversation, in one tenant: the index is a keyed digest of kind and id.
  botConversations: {
    fields: { conversationIndex: 'string' },
    uniquePerTenant: [],
    uniqueGlobal: ['conversationIndex'],
  },
  botNotices: { fields: { keepUntil: 'number' }, uniquePerTenant: [], uniqueGlobal: [] },
} as const;

export type CollectionName = keyof typeof collectionSpecs;

export const collectionNames = Object.keys(collectionSpecs) as CollectionName[];

export type FieldValue = string | number | null;

export type FieldName<C extends CollectionName> = keyof (typeof collectionSpecs)[C]['fields'] & string;

/** One stored record as a driver sees it: ids, the indexed clear fields, and an opaque sealed blob. */
export interface StoredRow<C extends CollectionName = CollectionName> {
  readonly id: string;
  readonly tenantId: string;
  readonly fields: Readonly<Record<FieldName<C>, FieldValue>>;
  readonly sealed: string;
}
