import { Button, Spinner } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Contact } from './api-schemas.ts';
import { ContactForm } from './contact-form.tsx';
import { ContactsTable } from './contacts-table.tsx';
import { ErrorBar } from './error-bar.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';

type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly contact: Contact } | undefined;

/** Whom a key in a calendar subject rings. Administrators add, change and delete contacts. */
export const ContactsView = () => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const contacts = useApiData(useCallback(() => api.contacts.list(), [api]));
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<string | undefined>();
  const canEdit = hasRole(me.role, 'admin');
  const done = (message: string) => {
    setEditing(undefined);
    setSaved(message);
    contacts.reload();
  };
  return (
    <>
      <ViewHeading title={t('contacts.title')} description={t('contacts.description')} />
      <ErrorBar error={contacts.error} />
      {saved && <NoticeBar>{saved}</NoticeBar>}
      {canEdit && !editing && (
        <div>
          <Button appearance="primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('contacts.add')}
          </Button>
        </div>
      )}
      {editing && (
        <ContactForm
          key={editing.kind === 'edit' ? editing.contact.id : 'new'}
          contact={editing.kind === 'edit' ? editing.contact : undefined}
          onSaved={(contact) => done(t('contacts.saved', { key: contact.key }))}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {contacts.loading && !contacts.data && <Spinner label={t('common.loading')} />}
      {contacts.data && (
        <ContactsTable
          contacts={contacts.data.items}
          canEdit={canEdit}
          onEdit={(contact) => {
            setSaved(undefined);
            setEditing({ kind: 'edit', contact });
          }}
          onDeleted={(contact) => done(t('contacts.deleted', { key: contact.key }))}
        />
      )}
    </>
  );
};
