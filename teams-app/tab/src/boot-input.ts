/** What the user typed into index.html's static sign-in form before the app took over. */
export interface BootInput {
  readonly email: string;
  readonly password: string;
  /** Which of the two fields had the focus, to give it back. */
  readonly focus: 'email' | 'password' | undefined;
}

const inputValue = (doc: Document, id: string): string => {
  const element = doc.getElementById(id);
  return element instanceof HTMLInputElement ? element.value : '';
};

/** Read before React replaces the static markup, so nothing typed is lost. */
export const readBootInput = (doc: Document): BootInput => {
  const active = doc.activeElement?.id;
  return {
    email: inputValue(doc, 'boot-email'),
    password: inputValue(doc, 'boot-password'),
    focus: active === 'boot-email' ? 'email' : active === 'boot-password' ? 'password' : undefined,
  };
};
