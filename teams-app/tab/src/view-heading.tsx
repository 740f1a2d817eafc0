import { Body1, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { ...typographyStyles.title2, margin: 0, ':focus': { outline: 'none' } },
});

/** The view's h1; focused when the view opens so screen readers announce where the user went. */
export const ViewHeading = (props: { readonly title: string; readonly description?: string }) => {
  const styles = useStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={styles.root}>
      <h1 ref={ref} tabIndex={-1} className={styles.heading}>
        {props.title}
      </h1>
      {props.description && <Body1>{props.description}</Body1>}
    </div>
  );
};
