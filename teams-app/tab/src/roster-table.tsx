import {
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
import { useId } from 'react';
import type { Coverage, Target } from './api-schemas.ts';
import { describeTarget } from './describe-target.ts';
import { useI18n } from './i18n-context.tsx';
import { formatRange } from './time-format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  gap: { color: tokens.colorPaletteRedForeground1 },
});

interface Row {
  readonly start: string;
  readonly end: string;
  readonly attempts?: readonly (readonly Target[])[];
}

/** Every shift and gap of the period, in time order: the roster in words. */
export const RosterTable = (props: {
  readonly report: Coverage;
  readonly names: ReadonlyMap<string, string>;
}) => {
  const styles = useStyles();
  const { t, language } = useI18n();
  const headingId = useId();
  const { report, names } = props;
  const rows: Row[] = [...report.slices, ...report.gaps].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start),
  );
  const whoFor = (row: Row) =>
    row.attempts
      ?.map((group) =>
        group.map((target) => describeTarget(target, names)).join(` ${t('decision.together')} `),
      )
      .join(' → ');
  const gapText = report.fallback
    ? t('roster.gapFallback', { fallback: describeTarget(report.fallback, names) })
    : t('roster.gapRefused');
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('roster.shifts')}
      </Subtitle2>
      <Table aria-labelledby={headingId} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('roster.when')}</TableHeaderCell>
            <TableHeaderCell>{t('roster.whoRings')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={`${row.start}-${row.attempts ? 'duty' : 'gap'}`}>
              <TableCell>{formatRange(row.start, row.end, report.timeZone, language)}</TableCell>
              <TableCell>
                {row.attempts ? whoFor(row) : <span className={styles.gap}>{gapText}</span>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
};
