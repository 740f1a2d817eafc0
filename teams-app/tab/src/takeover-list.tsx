import {
  Button,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useId, useState } from 'react';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';
import { formatRange } from './time-format.ts';
import { useApiData } from './use-api-data.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The number's takeovers that have not ended, each with "end now". */
export const TakeoverList = (props: { readonly numberId: string }) => {
  const styles = useStyles();
  const { t, language } = useI18n();
  const { api, me } = useSession();
  const headingId = useId();
  const takeovers = useApiData(useCallback(() => api.takeover.list(props.numberId), [api, props.numberId]));
  const [error, setError] = useState<unknown>();
  const end = async (eventId: string) => {
    setError(undefined);
    try {
      await api.takeover.end(props.numberId, eventId);
      takeovers.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const items = takeovers.data?.items ?? [];
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('takeover.active')}
      </Subtitle2>
      <ErrorBar error={takeovers.error ?? error} />
      {items.length === 0 ? (
        <p>{t('takeover.noneActive')}</p>
      ) : (
        <Table aria-labelledby={headingId} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('takeover.contact')}</TableHeaderCell>
              <TableHeaderCell>{t('roster.when')}</TableHeaderCell>
              <TableHeaderCell>{t('common.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((takeover) => (
              <TableRow key={takeover.id}>
                <TableCell>{takeover.contactKey}</TableCell>
                <TableCell>
                  {formatRange(takeover.start, takeover.end, me.tenant.timeZone, language)}
                </TableCell>
                <TableCell>
                  <Button size="small" onClick={() => end(takeover.id)}>
                    {t('takeover.endNow')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
};
