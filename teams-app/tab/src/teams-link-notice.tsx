import { ErrorBar } from './error-bar.tsx';
import { errorText } from './error-text.ts';
import { useI18n } from './i18n-context.tsx';
import { NoticeBar } from './notice-bar.tsx';
import type { TeamsLinkState } from './use-teams-link.ts';

/** How linking or unlinking the Teams account went, with the reason when it did not work. */
export const TeamsLinkNotice = (props: { readonly state: TeamsLinkState }) => {
  const { t } = useI18n();
  const { state } = props;
  const linking = state.status !== 'idle' && state.action === 'link';
  switch (state.status) {
    case 'idle':
      return null;
    case 'busy':
      return <NoticeBar intent="info">{t(linking ? 'teamsLink.linking' : 'teamsLink.unlinking')}</NoticeBar>;
    case 'done':
      return <NoticeBar>{t(linking ? 'teamsLink.linked' : 'teamsLink.unlinked')}</NoticeBar>;
    case 'failed':
      return (
        <ErrorBar
          error={state.error}
          text={t(linking ? 'teamsLink.linkFailed' : 'teamsLink.unlinkFailed', {
            reason: errorText(state.error, t),
          })}
        />
      );
  }
};
