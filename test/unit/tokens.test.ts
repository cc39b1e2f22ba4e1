import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenError, TokenService } from '../../src/auth/tokens.js';

const claims = { tenant: 'wenzhou', roles: ['viewer'] };
const opts = { issuer: 'talent-schemes', audience: 'talent-schemes-api' };

describe('tokens from an identity provider (public key)', () => {
  it('verifies RS256 tokens with the configured public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const service = new TokenService({ ...opts, publicKeyPem: pem });
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setSubject('u1').setIssuer(opts.issuer).setAudience(opts.audience).setExpirationTime('5m').sign(privateKey);
    expect(await service.verify(token)).toMatchObject({ userId: 'u1', tenant: 'wenzhou', roles: ['viewer'] });
  });

  it('refuses an HS256 token "signed" with the public key (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const service = new TokenService({ ...opts, publicKeyPem: pem });
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer(opts.issuer).setAudience(opts.audience).setExpirationTime('5m').sign(new TextEncoder().encode(pem));
    await expect(service.verify(forged)).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a token for another audience or issuer', async () => {
    const secret = 's'.repeat(40);
    const service = new TokenService({ ...opts, secret });
    const other = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer(opts.issuer).setAudience('another-api').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    await expect(service.verify(other)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
