import { SignJWT, importSPKI, jwtVerify, errors as joseErrors, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';
import { createPublicKey } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ALL_ROLES, type Actor, type Role } from './roles.js';

/**
 * Bearer tokens: JWTs carrying user, tenant, roles and unit. Verified with an HS256 secret or a
 * public key (RS256/ES256) from configuration. The algorithm list is fixed, so `alg: none` and
 * algorithm-confusion tokens are refused.
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
}

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
      ({ payload } = await jwtVerify(token, await this.verifyKey, { algorithms: this.algorithms, issuer: this.opts.issuer, audience: this.opts.audience }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new TokenError('expired', 'The token has expired');
      throw new TokenError('invalid', 'The token is not valid for this server');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenError('claims', `The token's claims are incomplete: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const c = claims.data;
    const verified: TokenClaims = Object.freeze({ userId: c.sub, tenant: c.tenant, roles: Object.freeze([...c.roles]) as Role[], unitId: c.unit ?? null, talentId: c.talent ?? null });
    const untilExpiry = payload.exp === undefined ? VERIFIED_TTL_MS : payload.exp * 1000 - Date.now();
    if (untilExpiry > 0) this.verified.set(token, verified, { ttl: Math.min(VERIFIED_TTL_MS, untilExpiry) });
    return verified;
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
