import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { errorText } from './error-text.ts';
import { useI18n } from './i18n-context.tsx';

/** A failed call, announced to screen readers as it appears; `text` replaces the generic explanation. */
export const ErrorBar = (props: { readonly error: unknown; readonly text?: string }) => {
  const { t } = useI18n();
  if (props.error === undefined || props.error === null) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{props.text ?? errorText(props.error, t)}</MessageBarBody>
    </MessageBar>
  );
};
