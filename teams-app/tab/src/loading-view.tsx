import { makeStyles, Spinner } from '@fluentui/react-components';

const useStyles = makeStyles({ root: { display: 'grid', placeItems: 'center', minHeight: '50vh' } });

export const LoadingView = (props: { readonly label: string }) => {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Spinner label={props.label} />
    </main>
  );
};
