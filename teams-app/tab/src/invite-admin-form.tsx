import { Body1, Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { type AdminRole, adminRoles } from './api-schemas.ts';
import { ErrorBar } from './error-bar.tsx';
import { fieldError } from './field-error.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import { useSession } from './session-context.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  link: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** Invite someone: the API makes the account and a single-use link to choose a password, shown once here. */
export const InviteAdminForm = (props: { readonly onInvited: () => void }) => {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AdminRole>('member');
  const [error, setError] = useState<unknown>();
  const [link, setLink] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setLink(undefined);
    try {
      const invited = await api.admins.invite(email, role);
      setLink(
        `${window.location.origin}/accept-invitation#token=${encodeURIComponent(invited.invitationToken)}`,
      );
      setEmail('');
      props.onInvited();
    } catch (caught) {
      setError(caught);
    }
  };
  const emailError = fieldError(error, 'email');
  return (
    <>
      <ErrorBar error={error} />
      {link && (
        <NoticeBar>
          <Body1>{t('admins.invited')}</Body1> <span className={styles.link}>{link}</span>
        </NoticeBar>
      )}
      <form className={styles.form} onSubmit={submit} aria-label={t('admins.invite')}>
        <Field
          label={t('admins.email')}
          required
          {...(emailError ? { validationMessage: emailError, validationState: 'error' as const } : {})}
        >
          <Input type="email" value={email} onChange={(_, data) => setEmail(data.value)} />
        </Field>
        <Field label={t('admins.role')}>
          <Select value={role} onChange={(_, data) => setRole(data.value as AdminRole)}>
            {adminRoles.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit">{t('admins.invite')}</Button>
      </form>
    </>
  );
};
