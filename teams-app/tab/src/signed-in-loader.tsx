import { lazy, Suspense } from 'react';
import { useI18n } from './i18n-context.tsx';
import { LoadingView } from './loading-view.tsx';
import type { SignedInAppProps } from './signed-in-app.tsx';

// The views load after sign-in, in their own chunk: the sign-in form needs none of them and must show
// at once.
const SignedInApp = lazy(() =>
  import('./signed-in-app.tsx').then((module) => ({ default: module.SignedInApp })),
);

export const SignedInLoader = (props: SignedInAppProps) => {
  const { t } = useI18n();
  return (
    <Suspense fallback={<LoadingView label={t('common.loading')} />}>
      <SignedInApp {...props} />
    </Suspense>
  );
};
