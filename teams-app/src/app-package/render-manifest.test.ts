import { describe, expect, it } from 'vitest';
import { renderManifest } from './render-manifest.ts';

const config = {
  appId: '0b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  botId: '1b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  clientId: '2b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  host: 'teams.example.com',
  version: '1.0.0',
};

describe('renderManifest', () => {
  it('fills placeholders in nested strings and arrays and leaves other values alone', () => {
    const rendered = renderManifest(
      {
        id: '{{appId}}',
        webApplicationInfo: { id: '{{ clientId }}', resource: 'api://{{host}}/{{clientId}}' },
        validDomains: ['{{host}}'],
        bots: [{ botId: '{{botId}}', isNotificationOnly: false }],
        count: 3,
      },
      config,
    );
    expect(rendered).toEqual({
      id: config.appId,
      webApplicationInfo: { id: config.clientId, resource: `api://teams.example.com/${config.clientId}` },
      validDomains: ['teams.example.com'],
      bots: [{ botId: config.botId, isNotificationOnly: false }],
      count: 3,
    });
  });

  it('refuses a placeholder it has no value for, naming where it is', () => {
    expect(() => renderManifest({ developer: { name: '{{vendor}}' } }, config)).toThrow(
      'unknown placeholder {{vendor}} at $.developer.name',
    );
  });

  it('keeps a value with JSON syntax inside its string', () => {
    const rendered = renderManifest({ name: '{{host}}' }, { ...config, host: '"},{"x":1' });
    expect(rendered).toEqual({ name: '"},{"x":1' });
  });

  it('refuses a template that is not an object', () => {
    expect(() => renderManifest([], config)).toThrow(/expected a JSON object/);
  });
});
