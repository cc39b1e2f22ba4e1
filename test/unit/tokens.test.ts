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

describe('verified tokens are remembered, never past their expiry', () => {
  const secret = 's'.repeat(40);
  const sign = (exp: number | string, secretKey = secret) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer(opts.issuer).setAudience(opts.audience).setExpirationTime(exp).sign(new TextEncoder().encode(secretKey));

  it('answers a token it verified again with the same (frozen) claims', async () => {
    const service = new TokenService({ ...opts, secret });
    const token = await sign('5m');
    const first = await service.verify(token);
    expect(await service.verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a remembered token once its exp has passed', async () => {
    const service = new TokenService({ ...opts, secret });
    const token = await sign(Math.floor(Date.now() / 1000) + 2);
    await expect(service.verify(token)).resolves.toMatchObject({ userId: 'u1' });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(service.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('does not remember a token that failed, nor let a different signature ride on a remembered one', async () => {
    const service = new TokenService({ ...opts, secret });
    const good = await sign('5m');
    await service.verify(good);
    const forged = await sign('5m', 'x'.repeat(40));
    await expect(service.verify(forged)).rejects.toMatchObject({ reason: 'invalid' });
    await expect(service.verify(forged)).rejects.toMatchObject({ reason: 'invalid' });
  });
});

describe('every token expires, and soon enough (issue 12, item 7)', () => {
  const secret = 's'.repeat(40);
  const key = new TextEncoder().encode(secret);
  const base = () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer(opts.issuer).setAudience(opts.audience);

  it('refuses a token without exp', async () => {
    const service = new TokenService({ ...opts, secret });
    await expect(service.verify(await base().sign(key))).rejects.toMatchObject({ reason: 'claims', message: expect.stringMatching(/no expiry/) });
  });

  it('refuses a token expiring in 100 years, with or without iat; the cap is configurable', async () => {
    const service = new TokenService({ ...opts, secret });
    await expect(service.verify(await base().setExpirationTime('100y').sign(key))).rejects.toMatchObject({ reason: 'claims', message: expect.stringMatching(/lives longer than 86400 s/) });
    await expect(service.verify(await base().setIssuedAt().setExpirationTime('100y').sign(key))).rejects.toMatchObject({ reason: 'claims' });
    // Issued long ago for a long life, with little of it left: still refused (exp − iat is over the cap).
    const now = Math.floor(Date.now() / 1000);
    await expect(service.verify(await base().setIssuedAt(now - 30 * 86400).setExpirationTime(now + 3600).sign(key))).rejects.toMatchObject({ reason: 'claims' });
    await expect(service.verify(await base().setIssuedAt().setExpirationTime('23h').sign(key))).resolves.toMatchObject({ userId: 'u1' });
    const strict = new TokenService({ ...opts, secret, maxLifetimeSeconds: 600 });
    await expect(strict.verify(await base().setIssuedAt().setExpirationTime('1h').sign(key))).rejects.toMatchObject({ reason: 'claims' });
    await expect(strict.verify(await base().setIssuedAt().setExpirationTime('5m').sign(key))).resolves.toMatchObject({ userId: 'u1' });
  });
});

describe('a platform admin is the platform’s, not a tenant’s (issue 12, item 8)', () => {
  const secret = 's'.repeat(40);
  const service = new TokenService({ ...opts, secret });
  const sign = (tenant: string, roles: string[]) =>
    new SignJWT({ tenant, roles }).setProtectedHeader({ alg: 'HS256' }).setSubject('ops').setIssuer(opts.issuer).setAudience(opts.audience).setExpirationTime('5m').sign(new TextEncoder().encode(secret));

  it('accepts the platform-admin role only in a token of tenant "platform", alone', async () => {
    await expect(service.verify(await sign('platform', ['platform-admin']))).resolves.toMatchObject({ tenant: 'platform', roles: ['platform-admin'] });
    await expect(service.verify(await sign('yuping', ['platform-admin']))).rejects.toMatchObject({ reason: 'claims' });
    await expect(service.verify(await sign('yuping', ['viewer', 'platform-admin']))).rejects.toMatchObject({ reason: 'claims' });
    await expect(service.verify(await sign('platform', ['platform-admin', 'commission-admin']))).rejects.toMatchObject({ reason: 'claims' });
    await expect(service.verify(await sign('platform', ['commission-admin']))).rejects.toMatchObject({ reason: 'claims' });
  });
});
