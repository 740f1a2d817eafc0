import {
  Badge,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { type AdminAccount, type AdminRole, adminRoles } from './api-schemas.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { InviteAdminForm } from './invite-admin-form.tsx';
import { Panel } from './panel.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';

/** Administrators and their roles; owners invite, change roles and remove accounts. */
export const AdminsPanel = () => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const admins = useApiData(useCallback(() => api.admins.list(), [api]));
  const [error, setError] = useState<unknown>();
  const isOwner = hasRole(me.role, 'owner');
  const change = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      admins.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const roleCell = (account: AdminAccount) =>
    isOwner && account.id !== me.adminId ? (
      <Select
        aria-label={t('admins.roleFor', { email: account.email })}
        value={account.role}
        onChange={(_, data) => change(() => api.admins.setRole(account.id, data.value as AdminRole))}
      >
        {adminRoles.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </Select>
    ) : (
      t(`role.${account.role}`)
    );
  return (
    <Panel title={t('admins.title')}>
      <ErrorBar error={admins.error ?? error} />
      {admins.loading && !admins.data && <Spinner size="small" label={t('common.loading')} />}
      {admins.data && (
        <Table aria-label={t('admins.title')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('admins.email')}</TableHeaderCell>
              <TableHeaderCell>{t('admins.role')}</TableHeaderCell>
              <TableHeaderCell>{t('admins.signIn')}</TableHeaderCell>
              {isOwner && <TableHeaderCell>{t('common.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {admins.data.items.map((account) => (
              <TableRow key={account.id}>
                <TableCell>{account.email}</TableCell>
                <TableCell>{roleCell(account)}</TableCell>
                <TableCell>
                  {account.totpEnrolled && <Badge appearance="tint">{t('admins.totp')}</Badge>}{' '}
                  {account.sso.entra && <Badge appearance="tint">Microsoft</Badge>}{' '}
                  {account.sso.google && <Badge appearance="tint">Google</Badge>}
                </TableCell>
                {isOwner && (
                  <TableCell>
                    {account.id !== me.adminId && (
                      <ConfirmButton
                        label={t('common.remove')}
                        accessibleLabel={t('admins.removeLabel', { email: account.email })}
                        title={t('admins.removeTitle', { email: account.email })}
                        body={t('admins.removeBody')}
                        onConfirm={() => change(() => api.admins.remove(account.id))}
                      />
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {isOwner && <InviteAdminForm onInvited={admins.reload} />}
    </Panel>
  );
};
