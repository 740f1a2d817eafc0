/** Just enough of the admin API to add the example's contacts before the browser uses them. */
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
    createContact: (contact: { key: string; phone: string; description?: string }) =>
      call('POST', '/contacts', contact),
  };
};
