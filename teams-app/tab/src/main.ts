// The entry is kept tiny: index.html's static sign-in form is painted first, and only then is the app
// (React, Fluent UI: most of the JavaScript) fetched, compiled and started, so that compiling it never
// delays the first paint.
const afterFirstPaint = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

afterFirstPaint()
  .then(() => import('./start-app.tsx'))
  .then(({ startApp }) => startApp(window))
  .catch((error: unknown) => {
    console.error('the app could not start', error);
  });
