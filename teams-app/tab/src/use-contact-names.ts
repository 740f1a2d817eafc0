import { useCallback, useMemo } from 'react';
import { useSession } from './session-context.tsx';
import { useApiData } from './use-api-data.ts';

/** Contact key → description, to put names beside the keys of a roster; empty until loaded. */
export const useContactNames = (): ReadonlyMap<string, string> => {
  const { api } = useSession();
  const contacts = useApiData(useCallback(() => api.contacts.list(), [api]));
  return useMemo(
    () =>
      new Map(
        (contacts.data?.items ?? []).flatMap((contact) =>
          contact.description ? [[contact.key, contact.description] as const] : [],
        ),
      ),
    [contacts.data],
  );
};
