import {
  Badge,
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
import type { Calendar } from './api-schemas.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { LastSyncCell } from './last-sync-cell.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  address: { wordBreak: 'break-all' },
});

export const CalendarsTable = (props: {
  readonly calendars: readonly Calendar[];
  readonly canEdit: boolean;
  readonly onChanged: (message: string) => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const run = async (calendar: Calendar, action: () => Promise<string>) => {
    setBusy(calendar.id);
    setError(undefined);
    try {
      props.onChanged(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  };
  const syncNow = (calendar: Calendar) =>
    run(calendar, async () => {
      const report = await api.calendars.sync(calendar.id);
      return report.ok
        ? t('calendars.synced', { name: calendar.name, upserted: report.upserted, deleted: report.deleted })
        : t('calendars.syncFailed', { name: calendar.name, error: report.error ?? '' });
    });
  const remove = (calendar: Calendar) =>
    run(calendar, async () => {
      await api.calendars.remove(calendar.id);
      return t('calendars.removed', { name: calendar.name });
    });
  if (props.calendars.length === 0) return <p>{t('calendars.none')}</p>;
  return (
    <>
      <ErrorBar error={error} />
      <Table aria-label={t('calendars.title')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('calendars.name')}</TableHeaderCell>
            <TableHeaderCell>{t('calendars.provider')}</TableHeaderCell>
            <TableHeaderCell>{t('calendars.address')}</TableHeaderCell>
            <TableHeaderCell>{t('calendars.lastSync')}</TableHeaderCell>
            {props.canEdit && <TableHeaderCell>{t('common.actions')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.calendars.map((calendar) => (
            <TableRow key={calendar.id}>
              <TableCell>{calendar.name}</TableCell>
              <TableCell>
                {t(`calendars.providerName.${calendar.provider}`)}{' '}
                {calendar.channel && (
                  <Badge appearance="tint" color="success">
                    {t('calendars.push')}
                  </Badge>
                )}
              </TableCell>
              <TableCell className={styles.address}>{calendar.externalId}</TableCell>
              <TableCell>
                <LastSyncCell lastSync={calendar.lastSync} />
              </TableCell>
              {props.canEdit && (
                <TableCell>
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      disabled={busy === calendar.id}
                      onClick={() => syncNow(calendar)}
                      aria-label={t('calendars.syncNowLabel', { name: calendar.name })}
                    >
                      {t('calendars.syncNow')}
                    </Button>
                    <ConfirmButton
                      label={t('common.remove')}
                      accessibleLabel={t('calendars.removeLabel', { name: calendar.name })}
                      title={t('calendars.removeTitle', { name: calendar.name })}
                      body={t('calendars.removeBody')}
                      disabled={busy === calendar.id}
                      onConfirm={() => remove(calendar)}
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
