import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { assertSigningKey } from './auth/signing-key.ts';
import { HttpError } from './http-error.ts';

/** An invitation to set the password of an account that has none yet. Times are epoch milliseconds. */
export interface Invitation {
  readonly tenantId: string;
  readonly adminId: string;
  readonly jti: string;
  readonly expiresAt: number;
}

export interface InvitationTokens {
  /** The same token `POST /admins` hands out, for the operator CLI's owner invitations. */
  issue(account: { tenantId: string; adminId: string }): Promise<{ token: string; expiresAt: number }>;
  /** UNAUTHENTICATED when the token is forged, expired, not an invitation, or already redeemed here. */
  open(token: string): Promise<Invitation>;
  /** The invitation was redeemed: this instance refuses its token from now on. */
  consume(invitation: Invitation): void;
}

/**
 * The invitation token `POST /admins` hands out and `POST /auth/accept-invitation` redeems: HS256 with the invitation key, issuer
 * `invitationIssuer`, audience `invitationAudience`, claims {sub: admin id, tid: tenant id,
 * purpose: 'invite', jti: random, iat, exp = iat + 7 days}. Single use is the redeemer's part: it
 * accepts the token only while the account has no password yet and remembers spent jtis until exp.
 */
export const invitationIssuer = 'whoyougonnacall';
export const invitationAudience = 'wygc:invitation';
export const invitationLifetimeSeconds = 7 * 24 * 3600;

const invalidInvitation = 'This invitation is invalid or has expired; ask for a new one.';

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  purpose: z.literal('invite'),
  jti: z.string().min(1),
  exp: z.number().int(),
});

/**
 * The invitation tokens of admin-routes (HS256, its issuer and audience, purpose "invite"). Redeemed
 * jtis are kept in memory until they expire; the lasting single-use guard is that an account which
 * already has a password is never given another through an invitation.
 */
export const createInvitationTokens = ({
  key,
  clock,
}: {
  key: Uint8Array;
  clock: () => number;
}): InvitationTokens => {
  assertSigningKey(key, 'invitation');
  const spent = new Map<string, number>();

  const forgetExpired = (now: number): void => {
    for (const [jti, expiresAt] of spent) if (expiresAt <= now) spent.delete(jti);
  };

  return {
    issue: async ({ tenantId, adminId }) => {
      const issuedAt = Math.floor(clock() / 1000);
      const expiresAt = issuedAt + invitationLifetimeSeconds;
      const token = await new SignJWT({ tid: tenantId, purpose: 'invite' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(invitationIssuer)
        .setAudience(invitationAudience)
        .setSubject(adminId)
        .setJti(randomBytes(18).toString('base64url'))
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt: expiresAt * 1000 };
    },
    open: async (token) => {
      let claims: z.output<typeof claimsSchema>;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: invitationIssuer,
          audience: invitationAudience,
          currentDate: new Date(clock()),
        });
        claims = claimsSchema.parse(payload);
      } catch (cause) {
        throw new HttpError('UNAUTHENTICATED', invalidInvitation, { cause });
      }
      forgetExpired(clock());
      if (spent.has(claims.jti)) throw new HttpError('UNAUTHENTICATED', invalidInvitation);
      return { tenantId: claims.tid, adminId: claims.sub, jti: claims.jti, expiresAt: claims.exp * 1000 };
    },
    consume: (invitation) => {
      spent.set(invitation.jti, invitation.expiresAt);
    },
  };
};
