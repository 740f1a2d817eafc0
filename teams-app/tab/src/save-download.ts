import type { Download } from './api-client.ts';

/** Hands a downloaded file to the browser's save dialog (the API needs the bearer token: no plain link). */
export const saveDownload = ({ blob, fileName }: Download): void => {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
