import { Button, Spinner } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { RoutedNumber } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { hasRole } from './has-role.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { NumberForm } from './number-form.tsx';
import { NumbersTable } from './numbers-table.tsx';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';

type Editing =
  | { readonly kind: 'new' }
  | { readonly kind: 'edit'; readonly number: RoutedNumber }
  | undefined;

/** The organisation's phone numbers: which calendars feed each, the fallback, ring time and overlap policy. */
export const NumbersView = () => {
  const { t } = useI18n();
  const { api, me } = useSession();
  const data = useApiData(
    useCallback(async () => {
      const [numbers, calendars] = await Promise.all([api.numbers.list(), api.calendars.list()]);
      return { numbers: numbers.items, calendars: calendars.items };
    }, [api]),
  );
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<string | undefined>();
  const canEdit = hasRole(me.role, 'admin');
  const done = (message: string) => {
    setEditing(undefined);
    setSaved(message);
    data.reload();
  };
  return (
    <>
      <ViewHeading title={t('numbers.title')} description={t('numbers.description')} />
      <ErrorBar error={data.error} />
      {saved && <NoticeBar>{saved}</NoticeBar>}
      {canEdit && !editing && (
        <div>
          <Button appearance="primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('numbers.add')}
          </Button>
        </div>
      )}
      {editing && data.data && (
        <NumberForm
          key={editing.kind === 'edit' ? editing.number.id : 'new'}
          number={editing.kind === 'edit' ? editing.number : undefined}
          calendars={data.data.calendars}
          onSaved={(number) => done(t('numbers.saved', { name: number.name }))}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {data.loading && !data.data && <Spinner label={t('common.loading')} />}
      {data.data && (
        <NumbersTable
          numbers={data.data.numbers}
          calendars={data.data.calendars}
          canEdit={canEdit}
          onEdit={(number) => {
            setSaved(undefined);
            setEditing({ kind: 'edit', number });
          }}
          onDeleted={(number) => done(t('numbers.deleted', { name: number.name }))}
        />
      )}
    </>
  );
};
