import { describe, expect, it } from 'vitest';
import { addonOauthScopes, createDeployment } from './create-deployment.ts';
import { expectGolden } from './testing/golden.ts';

describe('deployment.json', () => {
  it('points the Calendar triggers at the endpoints under the base URL', async () => {
    const deployment = createDeployment({
      baseUrl: 'https://wygc.example.com/addon/',
      webAdminUrl: 'https://wygc.example.com',
    });
    expect(deployment.addOns.calendar).toEqual({
      homepageTrigger: { runFunction: 'https://wygc.example.com/addon/homepage' },
      eventOpenTrigger: { runFunction: 'https://wygc.example.com/addon/event-open' },
      currentEventAccess: 'READ',
    });
    await expectGolden('deployment', deployment);
  });

  it('asks for the five scopes the add-on needs and nothing that writes', () => {
    expect(addonOauthScopes).toHaveLength(5);
    for (const scope of addonOauthScopes) expect(scope).not.toMatch(/auth\/calendar(\.events)?$/);
  });

  it('refuses endpoints Google would not call', () => {
    expect(() =>
      createDeployment({ baseUrl: 'http://wygc.example.com/addon', webAdminUrl: 'https://wygc.example.com' }),
    ).toThrow();
    expect(() =>
      createDeployment({ baseUrl: 'not a url', webAdminUrl: 'https://wygc.example.com' }),
    ).toThrow();
  });
});
