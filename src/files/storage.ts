import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where the bytes of files live. Rows (`stored_file`, `import_batch`) say which key; a store only
 * keeps bytes under keys. Two stores: a folder on disk (the embedded default, `.data/files`,
 * created at start) and an S3-compatible bucket (`FILE_STORAGE=s3`: AWS S3, MinIO, Aliyun OSS,
 * Tencent COS, via the AWS SDK v3 client, src/files/s3-storage.ts) for deployments with several
 * API processes, which must share their files.
 *
 * Uploads are spooled to a local file first (hashed, counted and sniffed while they arrive), so a
 * store receives a complete, checked file with its size and checksum known.
 */
export interface StoredObjectMeta {
  size: number;
  contentType: string;
  /** Hex SHA-256, checked by stores that can (S3's x-amz-checksum-sha256). */
  sha256: string;
}

export interface FileStorage {
  readonly kind: 'disk' | 's3';
  /** Keep the spooled file at `path` under `key`; the spool file may be moved away. */
  put(key: string, path: string, meta: StoredObjectMeta): Promise<void>;
  /** The bytes under `key`; rejects with a `FileMissingError` when there are none. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Create what the store needs (the folder); a no-op where there is nothing to create. */
  init(): Promise<void>;
}

export class FileMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored bytes for ${key}`);
  }
}

const SAFE_KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/;
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${JSON.stringify(key)}`);
}

/** A folder on disk: `<root>/<key>`. Files are moved in (same file system) or copied. */
export class DiskStorage implements FileStorage {
  readonly kind = 'disk' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = isAbsolute(root) ? root : resolve(root);
  }

  private path(key: string): string {
    assertSafeKey(key);
    const p = join(this.root, ...key.split('/'));
    if (!p.startsWith(this.root + sep)) throw new Error(`storage key escapes the folder: ${key}`);
    return p;
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async put(key: string, path: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(path, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await copyFile(path, target);
    }
  }

  async get(key: string): Promise<Readable> {
    const p = this.path(key);
    await stat(p).catch(() => {
      throw new FileMissingError(key);
    });
    return createReadStream(p);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
