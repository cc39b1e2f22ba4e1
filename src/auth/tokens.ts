import { SignJWT, decodeJwt, importSPKI, jwtVerify, errors as joseErrors, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';
import { createPublicKey } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ALL_ROLES, PLATFORM_TENANT, Roles, type Actor, type Role } from './roles.js';

/**
 * Bearer tokens: JWTs carrying user, tenant, roles and unit. Verified with an HS256 secret or a
 * public key (RS256/ES256) from configuration. The algorithm list is fixed, so `alg: none` and
 * algorithm-confusion tokens are refused. Every token must expire (`exp`), within
 * `maxLifetimeSeconds` of now and of its `iat`: a stolen token is not a key for life.
 *
 * A platform admin operates the deployment (the queue dashboard), not a tenant: its token names
 * the reserved tenant `platform` and carries no other role, and no tenant's token carries the
 * platform-admin role. So a commission's token cannot reach other tenants' jobs, and an
 * operator's token reads no tenant's data.
 */
export interface TokenClaims extends Actor {
  tenant: string;
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().min(1),
  roles: z.array(z.enum(ALL_ROLES as [Role, ...Role[]])).min(1),
  unit: z.string().nullish(),
  talent: z.string().nullish(),
});

export class TokenError extends Error {
  constructor(readonly reason: 'missing' | 'invalid' | 'expired' | 'claims', message: string) {
    super(message);
  }
}

export interface TokenServiceOptions {
  secret?: string;
  publicKeyPem?: string;
  issuer: string;
  audience: string;
  /** Longest lifetime accepted (exp − now, and exp − iat). Default 24 h (TOKEN_MAX_LIFETIME_SECONDS). */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600;

/** How long a verified token is trusted without checking its signature again (never past its `exp`). */
const VERIFIED_TTL_MS = 60_000;

export class TokenService {
  private verifyKey: Promise<Uint8Array | CryptoKey | KeyObject>;
  private readonly algorithms: string[];
  /**
   * Tokens whose signature and claims were checked, by their exact text: a client sends the same
   * token with every request, and the signature check (WebCrypto, off the main thread and back)
   * was ~9% of a small query's CPU. Only a token that verified is kept, until its `exp` at most.
   */
  private readonly verified = new LRUCache<string, TokenClaims>({ max: 10_000, ttl: VERIFIED_TTL_MS, ttlAutopurge: false });

  constructor(private readonly opts: TokenServiceOptions) {
    if (opts.publicKeyPem) {
      // The key's own type decides the one algorithm accepted: no RS/ES/HS confusion.
      const type = createPublicKey(opts.publicKeyPem).asymmetricKeyType;
      const alg = type === 'ec' ? 'ES256' : type === 'rsa' ? 'RS256' : null;
      if (!alg) throw new Error(`JWT_PUBLIC_KEY must be an RSA or EC (P-256) public key, not ${type}`);
      this.algorithms = [alg];
      this.verifyKey = importSPKI(opts.publicKeyPem, alg);
    } else if (opts.secret) {
      this.algorithms = ['HS256'];
      this.verifyKey = Promise.resolve(new TextEncoder().encode(opts.secret));
    } else {
      throw new Error('TokenService needs a secret or a public key');
    }
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.verifyKey, { algorithms: this.algorithms, issuer: this.opts.issuer, audience: this.opts.audience, requiredClaims: ['exp'] }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new TokenError('expired', 'The token has expired');
      if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'exp') throw new TokenError('claims', 'The token has no expiry (exp); every token must expire');
      throw new TokenError('invalid', 'The token is not valid for this server');
    }
    const maxLifetime = this.opts.maxLifetimeSeconds ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    if (exp - now > maxLifetime || (payload.iat !== undefined && exp - payload.iat > maxLifetime)) {
      throw new TokenError('claims', `The token lives longer than ${maxLifetime} s; tokens may last at most that long`);
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenError('claims', `The token's claims are incomplete: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const c = claims.data;
    const platform = c.tenant === PLATFORM_TENANT;
    if (platform !== c.roles.includes(Roles.PLATFORM_ADMIN) || (platform && c.roles.length !== 1)) {
      throw new TokenError('claims', `The platform-admin role belongs only to tokens of the platform (tenant "${PLATFORM_TENANT}"), and such a token carries no other role`);
    }
    const verified: TokenClaims = Object.freeze({ userId: c.sub, tenant: c.tenant, roles: Object.freeze([...c.roles]) as Role[], unitId: c.unit ?? null, talentId: c.talent ?? null });
    const untilExpiry = exp * 1000 - Date.now();
    if (untilExpiry > 0) this.verified.set(token, verified, { ttl: Math.min(VERIFIED_TTL_MS, untilExpiry) });
    return verified;
  }

  /** The `exp` of a token already verified (seconds since the epoch). */
  expiryOf(token: string): number {
    return decodeJwt(token).exp ?? 0;
  }

  /** Mint a token (development and tests; production tokens come from the identity provider). */
  async sign(claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
    if (!this.opts.secret) throw new Error('Signing needs JWT_SECRET (tokens for a public key are minted by the identity provider)');
    return new SignJWT({ tenant: claims.tenant, roles: [...claims.roles], unit: claims.unitId ?? undefined, talent: claims.talentId ?? undefined })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(this.opts.issuer)
      .setAudience(this.opts.audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(this.opts.secret));
  }
}
