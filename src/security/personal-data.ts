import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { Type, type Platform } from '@mikro-orm/core';

/**
 * Personal data at rest (ID-card numbers, phone numbers): AES-256-GCM, so a database dump, a
 * backup or a replica shows ciphertext, and an HMAC blind index where the application must match
 * a value (find a talent by ID number, one per tenant) without decrypting every row.
 *
 * Keys come from DATA_ENCRYPTION_KEY (32 bytes); three independent keys are derived from it, one
 * per purpose. The IV is synthetic (an HMAC of the plaintext, as in AES-GCM-SIV): the same value
 * always encrypts to the same bytes, which MikroORM needs to tell a changed property from an
 * unchanged one (its snapshots compare database values), and which reveals only what the blind
 * index reveals anyway, that two rows hold the same value.
 *
 * Stored form: `enc:v1:` + base64(iv ‖ tag ‖ ciphertext). The version leaves room to rotate.
 */
export const ENCRYPTED_PREFIX = 'enc:v1:';

interface DataKeys {
  encrypt: Buffer;
  iv: Buffer;
  index: Buffer;
}

const derive = (master: Buffer, purpose: string) => createHmac('sha256', master).update(`talent-schemes/${purpose}`).digest();
export function deriveKeys(master: Buffer): DataKeys {
  if (master.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes');
  return { encrypt: derive(master, 'encrypt'), iv: derive(master, 'synthetic-iv'), index: derive(master, 'blind-index') };
}

// The ORM instantiates column types itself, so keys are found through its platform (one per ORM:
// two apps in one process, as in the tests, may use different keys).
const keysByPlatform = new WeakMap<Platform, DataKeys>();

export function registerDataKey(platform: Platform, master: Buffer): DataKeys {
  const keys = deriveKeys(master);
  keysByPlatform.set(platform, keys);
  return keys;
}

export function keysOf(platform: Platform): DataKeys {
  const keys = keysByPlatform.get(platform);
  if (!keys) throw new Error('No data encryption key registered for this ORM (App.create registers DATA_ENCRYPTION_KEY)');
  return keys;
}

export function encrypt(keys: DataKeys, clear: string): string {
  const iv = createHmac('sha256', keys.iv).update(clear, 'utf8').digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', keys.encrypt, iv);
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(keys: DataKeys, stored: string): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) throw new Error('value is not encrypted (run the migrations)');
  const raw = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const clear = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  // The synthetic IV doubles as an integrity check that the value was encrypted under this key.
  const expected = createHmac('sha256', keys.iv).update(clear, 'utf8').digest().subarray(0, 12);
  if (!timingSafeEqual(expected, raw.subarray(0, 12))) throw new Error('encrypted value does not match its IV');
  return clear;
}

/** The blind index of a value: equal inputs (after normalising case and spaces) give equal indexes. */
export function blindIndex(keys: DataKeys, clear: string): string {
  return createHmac('sha256', keys.index).update(clear.replace(/\s+/g, '').toUpperCase(), 'utf8').digest('hex');
}

/**
 * A MikroORM column type: the entity property is a plain string in code; the column holds the
 * ciphertext. Use `@Property({ type: EncryptedString, nullable: true })`.
 */
export class EncryptedString extends Type<string | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: string | null | undefined, platform: Platform): string | null | undefined {
    if (value == null) return value;
    // Already ciphertext (a query parameter the ORM converts twice, a snapshot): leave it.
    if (value.startsWith(ENCRYPTED_PREFIX)) return value;
    return encrypt(keysOf(platform), value);
  }

  override convertToJSValue(value: string | null | undefined, platform: Platform): string | null | undefined {
    if (value == null || !value.startsWith(ENCRYPTED_PREFIX)) return value;
    return decrypt(keysOf(platform), value);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return 'text';
  }
}
