import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;Tom &#38; &#39;Jerry&#39;&#60;/a&#62;',
    );
  });

  it('leaves ordinary text alone', () => {
    expect(escapeHtml('Jan de Vries (JD) · ÉB')).toBe('Jan de Vries (JD) · ÉB');
  });
});
