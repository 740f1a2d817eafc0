import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from '../http-error.ts';
import { assertSigningKey } from './signing-key.ts';

/** Proof that the password was right, bound to one account, until the TOTP code completes the login. */
export interface SecondFactorTicket {
  readonly tenantId: string;
  readonly adminId: string;
  readonly jti: string;
  readonly expiresAt: number;
}

export interface SecondFactorTickets {
  issue(account: { tenantId: string; adminId: string }): Promise<string>;
  /** UNAUTHENTICATED when the ticket is forged, expired, used or out of attempts. */
  open(ticket: string): Promise<SecondFactorTicket>;
  /** A wrong code: after `maxAttempts` of them the ticket is used up and the password is asked again. */
  recordFailure(ticket: SecondFactorTicket): void;
  /** The login completed: the ticket cannot be used again. */
  consume(ticket: SecondFactorTicket): void;
}

export const defaultTicketLifetimeMs = 5 * 60 * 1000;
export const defaultTicketAttempts = 3;

const issuer = 'whoyougonnacall';
const audience = 'wygc:second-factor';
const invalidTicket = 'This sign-in has expired or was already used; please sign in again.';

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  jti: z.string().min(1),
  exp: z.number().int(),
});

interface TicketUse {
  readonly expiresAt: number;
  failures: number;
  spent: boolean;
}

/**
 * Stateless HS256 tickets (jose compact JWS) with single use tracked in memory. Another instance does
 * not see that a ticket was used; it still cannot replay the TOTP code, which the store refuses by
 * time step, and wrong codes still count towards the account lockout.
 */
export const createSecondFactorTickets = ({
  key,
  clock,
  lifetimeMs = defaultTicketLifetimeMs,
  maxAttempts = defaultTicketAttempts,
}: {
  /** HS256 key from configuration, at least 32 random bytes. */
  key: Uint8Array;
  clock: () => number;
  lifetimeMs?: number;
  maxAttempts?: number;
}): SecondFactorTickets => {
  assertSigningKey(key, 'second-factor ticket');
  const uses = new Map<string, TicketUse>();

  const useOf = (ticket: SecondFactorTicket): TicketUse => {
    const now = clock();
    for (const [jti, use] of uses) if (use.expiresAt <= now) uses.delete(jti);
    const use = uses.get(ticket.jti) ?? { expiresAt: ticket.expiresAt, failures: 0, spent: false };
    uses.set(ticket.jti, use);
    return use;
  };

  const verifiedClaims = async (ticket: string): Promise<z.output<typeof claimsSchema>> => {
    try {
      const { payload } = await jwtVerify(ticket, key, {
        algorithms: ['HS256'],
        issuer,
        audience,
        currentDate: new Date(clock()),
      });
      return claimsSchema.parse(payload);
    } catch (cause) {
      throw new HttpError('UNAUTHENTICATED', invalidTicket, { cause });
    }
  };

  return {
    issue: async ({ tenantId, adminId }) => {
      const issuedAt = Math.floor(clock() / 1000);
      return new SignJWT({ tid: tenantId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(adminId)
        .setJti(randomBytes(16).toString('base64url'))
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + Math.floor(lifetimeMs / 1000))
        .sign(key);
    },
    open: async (ticket) => {
      const claims = await verifiedClaims(ticket);
      if (uses.get(claims.jti)?.spent) throw new HttpError('UNAUTHENTICATED', invalidTicket);
      return { tenantId: claims.tid, adminId: claims.sub, jti: claims.jti, expiresAt: claims.exp * 1000 };
    },
    recordFailure: (ticket) => {
      const use = useOf(ticket);
      use.failures += 1;
      if (use.failures >= maxAttempts) use.spent = true;
    },
    consume: (ticket) => {
      useOf(ticket).spent = true;
    },
  };
};
