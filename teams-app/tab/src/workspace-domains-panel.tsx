import { Body1 } from '@fluentui/react-components';
import { useI18n } from './i18n-context.tsx';
import { Panel } from './panel.tsx';

/** Read-only for everyone: the operator vouches that a domain belongs to this organisation. */
export const WorkspaceDomainsPanel = (props: { readonly domains: readonly string[] }) => {
  const { t } = useI18n();
  return (
    <Panel title={t('organisation.workspaceTitle')}>
      <Body1>{t('organisation.workspaceDescription')}</Body1>
      {props.domains.length === 0 ? (
        <Body1>{t('organisation.workspaceNone')}</Body1>
      ) : (
        <ul>
          {props.domains.map((domain) => (
            <li key={domain}>{domain}</li>
          ))}
        </ul>
      )}
    </Panel>
  );
};
