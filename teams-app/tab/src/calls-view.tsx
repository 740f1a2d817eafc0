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

/** The call log, newest first: who called which number, whom it rang, and what came of it. */
export const CallsView = () => {
  const { t, language } = useI18n();
  const { api, me } = useSession();
  const calls = usePagedList(
    useCallback(
      (cursor: string | undefined) => api.calls.list({ limit: pageSize, ...(cursor ? { cursor } : {}) }),
      [api],
    ),
  );
  const zone = me.tenant.timeZone;
  return (
    <>
      <ViewHeading title={t('calls.title')} description={t('calls.description')} />
      <ErrorBar error={calls.error} />
      {!calls.loading && calls.items.length === 0 && !calls.error && <p>{t('calls.none')}</p>}
      {calls.items.length > 0 && (
        <Table aria-label={t('calls.title')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('calls.time')}</TableHeaderCell>
              <TableHeaderCell>{t('common.number')}</TableHeaderCell>
              <TableHeaderCell>{t('calls.caller')}</TableHeaderCell>
              <TableHeaderCell>{t('calls.rang')}</TableHeaderCell>
              <TableHeaderCell>{t('calls.outcome')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {calls.items.map((call) => (
              <TableRow key={call.id}>
                <TableCell>{formatDateTime(call.startedAt, zone, language)}</TableCell>
                <TableCell>{call.did}</TableCell>
                <TableCell>{call.caller}</TableCell>
                <TableCell>
                  {call.attempts
                    .map((attempt) => `${attempt.key ?? attempt.phone} (${attempt.sipStatus})`)
                    .join(', ')}
                </TableCell>
                <TableCell>
                  {call.outcome}
                  {call.answeredBy ? ` · ${call.answeredBy}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {calls.loading && <Spinner size="small" label={t('common.loading')} />}
      {calls.hasMore && !calls.loading && (
        <div>
          <Button onClick={calls.loadMore}>{t('common.loadMore')}</Button>
        </div>
      )}
    </>
  );
};
