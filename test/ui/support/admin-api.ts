/**
 * Just enough of the admin API to add the example's contacts before the browser uses them, and to give
 * an invited account its password.
 */
export const createAdminApi = (base: string) => {
  let token: string | undefined;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    /** Signs in with a password (an account without TOTP yet). */
    async login(email: string, password: string) {
      const { session } = await call<{ session: { token: string } }>('POST', '/auth/login', {
        email,
        password,
      });
      token = session.token;
    },
    /** Redeems an invitation link's token, as the invited person does on the invitation page. */
    async acceptInvitation(invitationToken: string, password: string) {
      const { session } = await call<{ session: { token: string } }>('POST', '/auth/accept-invitation', {
        token: invitationToken,
        password,
      });
      token = session.token;
    },
    createContact: (contact: { key: string; phone: string; description?: string }) =>
      call('POST', '/contacts', contact),
  };
};
