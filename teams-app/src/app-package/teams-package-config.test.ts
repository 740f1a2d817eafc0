import { describe, expect, it } from 'vitest';
import { parseTeamsPackageConfig, teamsPackageConfigFrom } from './teams-package-config.ts';

const valid = {
  appId: '0B5C6A1E-1D2F-4A3B-9C8D-7E6F5A4B3C2D',
  botId: '1b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  clientId: '2b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d',
  host: 'Teams.Example.com',
  version: '1.2.3',
};

describe('teams package config', () => {
  it('accepts GUIDs, a host name and a semantic version, normalising case', () => {
    const config = parseTeamsPackageConfig(valid);
    expect(config.appId).toBe('0b5c6a1e-1d2f-4a3b-9c8d-7e6f5a4b3c2d');
    expect(config.host).toBe('teams.example.com');
    expect(config.version).toBe('1.2.3');
  });

  it.each([
    ['host', 'https://teams.example.com'],
    ['host', 'teams.example.com/tab'],
    ['host', 'teams.example.com:8443'],
    ['appId', 'not-a-guid'],
    ['version', '1.0'],
    ['version', 'v1.0.0'],
  ])('rejects %s = %s and names the field', (field, value) => {
    expect(() => parseTeamsPackageConfig({ ...valid, [field]: value })).toThrow(new RegExp(`${field}:`));
  });

  it('rejects fields it does not know, so a typo is not silently ignored', () => {
    expect(() => parseTeamsPackageConfig({ ...valid, botID: valid.botId })).toThrow(/unrecognized/i);
  });

  it('reads the WYGC_TEAMS_* variables from the given environment', () => {
    const config = teamsPackageConfigFrom({
      WYGC_TEAMS_APP_ID: valid.appId,
      WYGC_TEAMS_BOT_ID: valid.botId,
      WYGC_TEAMS_CLIENT_ID: valid.clientId,
      WYGC_TEAMS_HOST: 'wygc.example.nl',
      WYGC_TEAMS_APP_VERSION: '2.0.0',
    });
    expect(config).toMatchObject({ host: 'wygc.example.nl', version: '2.0.0', botId: valid.botId });
  });

  it('lets a configuration file override the environment and reports what is missing', () => {
    const config = teamsPackageConfigFrom({ WYGC_TEAMS_HOST: 'env.example.com' }, valid);
    expect(config.host).toBe('teams.example.com');
    expect(() => teamsPackageConfigFrom({ WYGC_TEAMS_HOST: 'env.example.com' }, {})).toThrow(
      /appId: .*botId: .*clientId: .*version: /,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(() =>
      teamsPackageConfigFrom({ WYGC_TEAMS_APP_VERSION: '' }, { ...valid, version: undefined }),
    ).toThrow(/version:/);
  });
});
