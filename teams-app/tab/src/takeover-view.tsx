import { Spinner } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Takeover } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { useSession } from './session-context.tsx';
import { TakeoverForm } from './takeover-form.tsx';
import { TakeoverList } from './takeover-list.tsx';
import { TakeoverNotice } from './takeover-notice.tsx';
import { useApiData } from './use-api-data.ts';
import { ViewHeading } from './view-heading.tsx';

/** "I take the calls for the next N hours": an override that rings before whoever is on duty. */
export const TakeoverView = (props: { readonly params: URLSearchParams }) => {
  const { t } = useI18n();
  const { api } = useSession();
  const data = useApiData(
    useCallback(async () => {
      const [numbers, contacts] = await Promise.all([api.numbers.list(), api.contacts.list()]);
      return { numbers: numbers.items, contacts: contacts.items };
    }, [api]),
  );
  const [chosenNumber, setChosenNumber] = useState<string | undefined>(
    props.params.get('number') ?? undefined,
  );
  const [taken, setTaken] = useState<Takeover | undefined>();
  const numberId = chosenNumber ?? data.data?.numbers[0]?.id;
  const number = data.data?.numbers.find((candidate) => candidate.id === numberId);
  return (
    <>
      <ViewHeading title={t('takeover.title')} description={t('takeover.description')} />
      <ErrorBar error={data.error} />
      {data.loading && !data.data && <Spinner label={t('common.loading')} />}
      {data.data && data.data.numbers.length === 0 && (
        <NoticeBar intent="info">{t('numbers.none')}</NoticeBar>
      )}
      {data.data && numberId && (
        <TakeoverForm
          numbers={data.data.numbers}
          contacts={data.data.contacts}
          numberId={numberId}
          onNumberChange={setChosenNumber}
          onTaken={setTaken}
        />
      )}
      {taken && number && <TakeoverNotice takeover={taken} number={number} />}
      {numberId && <TakeoverList key={`${numberId}-${taken?.id ?? ''}`} numberId={numberId} />}
    </>
  );
};
