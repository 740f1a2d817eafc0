/**
 * Card text fields render a small HTML subset (<b>, <font>, <a>...). Subjects and descriptions are typed
 * by people, so they are escaped before they enter such a field: "<a href=...>" in a subject stays text.
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
