// The first-visit pages (setup, invitation) of the placeholder web admin. Served as a file because the
// Content-Security-Policy allows no inline script.

const result = document.getElementById('result');

const show = (text) => {
  if (result) result.textContent = text;
};

/** Cookie mode: the session lands in an HttpOnly cookie, out of reach of scripts. */
const postJson = async (path, body) => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session-mode': 'cookie' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data?.error?.message ?? `The server answered ${response.status}.`);
  return data;
};

const signedIn =
  'You are signed in. The web admin arrives with the Teams app; until then use the admin API, described at /api/v1/openapi.json.';

const handle = (form, submit) => {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    show('One moment…');
    try {
      await submit(new FormData(form));
      form.remove();
    } catch (error) {
      show(error instanceof Error ? error.message : String(error));
      if (button) button.disabled = false;
    }
  });
};

const setupForm = document.getElementById('setup-form');
if (setupForm instanceof HTMLFormElement) {
  handle(setupForm, async (data) => {
    await postJson('/api/v1/setup', {
      organisation: String(data.get('organisation') ?? ''),
      timeZone: String(data.get('timeZone') ?? ''),
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
    });
    show(`Your organisation is set up. ${signedIn}`);
  });
}

const invitationForm = document.getElementById('invitation-form');
if (invitationForm instanceof HTMLFormElement) {
  // The token travels in the fragment, which browsers never send to a server or in a Referer.
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!token) {
    invitationForm.remove();
    show('This link has no invitation in it; open the link from your invitation exactly as you received it.');
  } else {
    handle(invitationForm, async (data) => {
      await postJson('/api/v1/auth/accept-invitation', {
        token,
        password: String(data.get('password') ?? ''),
      });
      window.history.replaceState(null, '', window.location.pathname);
      show(`Your password is set. ${signedIn}`);
    });
  }
}
