import { describe, expect, it } from 'vitest';
import { parseIncomingMessage, parseTurnContext, plainText } from './bot-activity.ts';

const reference = { conversation: { id: 'c' } };

describe('plainText', () => {
  it('drops mentions and markup and decodes the entities Teams uses', () => {
    expect(plainText('<at>WhoYouGonnaCall</at>&nbsp;neem over 2u JD\n')).toBe('neem over 2u JD');
    expect(plainText('<p>wie</p>')).toBe('wie');
    expect(plainText('take over 2h as <at>Bot</at> JD &amp; co')).toBe('take over 2h as JD & co');
  });
});

describe('parseIncomingMessage', () => {
  it('reads a channel message: team scope, team id, tenant, user and locale', () => {
    const message = parseIncomingMessage(
      {
        type: 'message',
        text: '<at>Bot</at> wie',
        locale: 'nl-NL',
        from: { id: '29:x', aadObjectId: 'oid-1' },
        conversation: { id: '19:c;messageid=1', conversationType: 'channel', tenantId: 'tid-1' },
        channelData: { tenant: { id: 'tid-1' }, team: { id: '19:team' }, somethingElse: true },
      },
      reference,
    );
    expect(message).toEqual({
      scope: 'team',
      user: { aadObjectId: 'oid-1', entraTenantId: 'tid-1' },
      teamId: '19:team',
      locale: 'nl-NL',
      conversation: reference,
      text: 'wie',
    });
  });

  it('reads a personal message with a card value and no text', () => {
    const message = parseIncomingMessage(
      { type: 'message', value: { wygc: 'who' }, conversation: { id: 'a:1', conversationType: 'personal' } },
      reference,
    );
    expect(message).toMatchObject({ scope: 'personal', text: '', value: { wygc: 'who' }, user: {} });
  });

  it('refuses what is not a usable message', () => {
    expect(parseIncomingMessage({ type: 'message', text: 'wie' }, reference)).toBeUndefined();
    expect(parseIncomingMessage({ type: 'typing', conversation: { id: 'a' } }, reference)).toBeUndefined();
    expect(parseIncomingMessage('wie', reference)).toBeUndefined();
    expect(
      parseIncomingMessage(
        { type: 'message', conversation: { id: 'a' }, from: { aadObjectId: 'x'.repeat(65) } },
        reference,
      ),
    ).toBeUndefined();
  });

  it('reads the context of an installation update', () => {
    expect(
      parseTurnContext(
        {
          type: 'installationUpdate',
          action: 'add',
          conversation: { id: '19:team', conversationType: 'channel' },
          channelData: { team: { id: '19:team' } },
        },
        reference,
      ),
    ).toEqual({ scope: 'team', user: {}, teamId: '19:team', conversation: reference });
  });
});
