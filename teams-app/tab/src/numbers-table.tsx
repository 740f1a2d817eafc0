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
import type { Calendar, RoutedNumber } from './api-schemas.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS } });

export const NumbersTable = (props: {
  readonly numbers: readonly RoutedNumber[];
  readonly calendars: readonly Calendar[];
  readonly canEdit: boolean;
  readonly onEdit: (number: RoutedNumber) => void;
  readonly onDeleted: (number: RoutedNumber) => void;
}) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const calendarNames = new Map(props.calendars.map((calendar) => [calendar.id, calendar.name]));
  const remove = async (number: RoutedNumber) => {
    setError(undefined);
    try {
      await api.numbers.remove(number.id);
      props.onDeleted(number);
    } catch (caught) {
      setError(caught);
    }
  };
  if (props.numbers.length === 0) return <p>{t('numbers.none')}</p>;
  return (
    <>
      <ErrorBar error={error} />
      <Table aria-label={t('numbers.title')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('numbers.name')}</TableHeaderCell>
            <TableHeaderCell>{t('numbers.did')}</TableHeaderCell>
            <TableHeaderCell>{t('numbers.calendars')}</TableHeaderCell>
            <TableHeaderCell>{t('numbers.fallback')}</TableHeaderCell>
            <TableHeaderCell>{t('numbers.ringSeconds')}</TableHeaderCell>
            <TableHeaderCell>{t('numbers.overlapPolicy')}</TableHeaderCell>
            {props.canEdit && <TableHeaderCell>{t('common.actions')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.numbers.map((number) => (
            <TableRow key={number.id}>
              <TableCell>{number.name}</TableCell>
              <TableCell>{number.did}</TableCell>
              <TableCell>
                {number.sourceIds
                  .map((id) => calendarNames.get(id) ?? t('numbers.unknownCalendar'))
                  .join(', ')}
              </TableCell>
              <TableCell>{number.fallback ?? '—'}</TableCell>
              <TableCell>{number.ringSeconds}</TableCell>
              <TableCell>{t(`numbers.overlap.${number.overlapPolicy}`)}</TableCell>
              {props.canEdit && (
                <TableCell>
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      onClick={() => props.onEdit(number)}
                      aria-label={t('numbers.editLabel', { name: number.name })}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmButton
                      label={t('common.delete')}
                      accessibleLabel={t('numbers.deleteLabel', { name: number.name })}
                      title={t('numbers.deleteTitle', { name: number.name })}
                      body={t('numbers.deleteBody')}
                      onConfirm={() => remove(number)}
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
