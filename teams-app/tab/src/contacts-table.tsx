import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Contact } from './api-schemas.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS } });

export const ContactsTable = (props: {
  readonly contacts: readonly Contact[];
  readonly canEdit: boolean;
  readonly onEdit: (contact: Contact) => void;
  readonly onDeleted: (contact: Contact) => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const remove = async (contact: Contact) => {
    setError(undefined);
    try {
      await api.contacts.remove(contact.id);
      props.onDeleted(contact);
    } catch (caught) {
      setError(caught);
    }
  };
  if (props.contacts.length === 0) return <p>{t('contacts.none')}</p>;
  const sorted = [...props.contacts].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <>
      <ErrorBar error={error} />
      <Table aria-label={t('contacts.title')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('contacts.key')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.phone')}</TableHeaderCell>
            <TableHeaderCell>{t('contacts.descriptionLabel')}</TableHeaderCell>
            {props.canEdit && <TableHeaderCell>{t('common.actions')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((contact) => (
            <TableRow key={contact.id}>
              <TableCell>{contact.key}</TableCell>
              <TableCell>{contact.phone}</TableCell>
              <TableCell>{contact.description ?? ''}</TableCell>
              {props.canEdit && (
                <TableCell>
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      onClick={() => props.onEdit(contact)}
                      aria-label={t('contacts.editLabel', { key: contact.key })}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmButton
                      label={t('common.delete')}
                      accessibleLabel={t('contacts.deleteLabel', { key: contact.key })}
                      title={t('contacts.deleteTitle', { key: contact.key })}
                      body={t('contacts.deleteBody')}
                      onConfirm={() => remove(contact)}
                    />
                  </div>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
