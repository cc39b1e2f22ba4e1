import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** An upload written to a local file while it arrived: its path, length and SHA-256. */
export interface Spooled {
  path: string;
  size: number;
  sha256: string;
}

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/**
 * Write a request body to `dir` as it arrives, hashing and counting it; past `maxBytes` the
 * request is dropped and nothing is kept. Memory stays at one chunk whatever the file's size.
 */
export async function spool(body: Readable, dir: string, maxBytes: number, declaredLength?: number): Promise<Spooled> {
  if (declaredLength !== undefined && declaredLength > maxBytes) throw new TooLargeError(maxBytes);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const out = createWriteStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          body.destroy();
          reject(new TooLargeError(maxBytes));
          return;
        }
        hash.update(chunk);
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => body.resume());
        }
      });
      body.on('end', () => out.end(() => resolve()));
      body.on('error', reject);
      out.on('error', reject);
    });
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    throw e;
  }
  return { path, size, sha256: hash.digest('hex') };
}

export const discard = (s: Spooled | undefined) => (s ? rm(s.path, { force: true }) : Promise.resolve());
