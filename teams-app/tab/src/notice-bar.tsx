import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A confirmation or hint that screen readers announce politely. */
export const NoticeBar = (props: {
  readonly intent?: 'success' | 'info' | 'warning';
  readonly children: ReactNode;
}) => (
  <MessageBar intent={props.intent ?? 'success'} role="status">
    <MessageBarBody>{props.children}</MessageBarBody>
  </MessageBar>
);
