import { Button, Field, Input, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import type { Decision } from './api-schemas.ts';
import { DecisionAttempts } from './decision-attempts.tsx';
import { ErrorBar } from './error-bar.tsx';
import { useI18n } from './i18n-context.tsx';
import { useSession } from './session-context.tsx';
import { formatDateTime } from './time-format.ts';
import { useContactNames } from './use-contact-names.ts';
import { toWallTime, wallTimeToInstant } from './zoned-time.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

/** "Who rings at …": the routing decision at a moment typed in the organisation's time zone. */
export const WhoRingsPicker = (props: { readonly numberId: string }) => {
  const styles = useStyles();
  const { t, language } = useI18n();
  const { api, me } = useSession();
  const names = useContactNames();
  const headingId = useId();
  const zone = me.tenant.timeZone;
  const [at, setAt] = useState(() => toWallTime(Date.now(), zone));
  const [answer, setAnswer] = useState<Decision | undefined>();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const instant = wallTimeToInstant(at, zone);
    if (!instant) return;
    setError(undefined);
    try {
      setAnswer(await api.numbers.decision(props.numberId, instant));
    } catch (caught) {
      setAnswer(undefined);
      setError(caught);
    }
  };
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {t('whoRings.title')}
      </Subtitle2>
      <form className={styles.form} onSubmit={submit} aria-labelledby={headingId}>
        <Field label={t('whoRings.at', { zone })}>
          <Input type="datetime-local" value={at} onChange={(_, data) => setAt(data.value)} />
        </Field>
        <Button type="submit">{t('whoRings.submit')}</Button>
      </form>
      <ErrorBar error={error} />
      <div aria-live="polite">
        {answer && (
          <>
            <p>{t('whoRings.answer', { time: formatDateTime(answer.at, zone, language) })}</p>
            <DecisionAttempts decision={answer} names={names} />
          </>
        )}
      </div>
    </section>
  );
};
