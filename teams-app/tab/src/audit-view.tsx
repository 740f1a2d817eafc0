import {
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';
import { formatDateTime } from './time-format.ts';
import { usePagedList } from './use-paged-list.ts';
import { ViewHeading } from './view-heading.tsx';

const pageSize = 50;

/** The organisation's audit log, newest first: every sign-in and every read or change of personal data. */
export const AuditView = () => {
  const { t, language } = useI18n();
  const { api, me } = useSession();
  const entries = usePagedList(
    useCallback(
      (cursor: string | undefined) => api.audit.list({ limit: pageSize, ...(cursor ? { cursor } : {}) }),
      [api],
    ),
  );
  const zone = me.tenant.timeZone;
  return (
    <>
      <ViewHeading title={t('audit.title')} description={t('audit.description')} />
      <ErrorBar error={entries.error} />
      {entries.items.length > 0 && (
        <Table aria-label={t('audit.title')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('audit.time')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.actor')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.action')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.target')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.source')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.outcome')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.items.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell>{formatDateTime(entry.at, zone, language)}</TableCell>
                <TableCell>{entry.actor === `admin:${me.adminId}` ? t('audit.you') : entry.actor}</TableCell>
                <TableCell>{entry.action}</TableCell>
                <TableCell>
                  {entry.target.category}
                  {entry.target.id ? ` ${entry.target.id}` : ''}
                </TableCell>
                <TableCell>{entry.sourceIp ?? '—'}</TableCell>
                <TableCell>{entry.outcome}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {entries.loading && <Spinner size="small" label={t('common.loading')} />}
      {entries.hasMore && !entries.loading && (
        <div>
          <Button onClick={entries.loadMore}>{t('common.loadMore')}</Button>
        </div>
      )}
    </>
  );
};
