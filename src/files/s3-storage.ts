import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertSafeKey, FileMissingError, type FileStorage, type StoredObjectMeta } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, OSS, COS); omit for AWS itself. */
  endpoint?: string;
  region: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most compatible stores expect. */
  forcePathStyle: boolean;
  /** Omit to use the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Under this prefix in the bucket (several deployments may share one). */
  prefix?: string;
  /** Send x-amz-checksum-sha256, verified by the store (S3, MinIO); off for stores that refuse it. */
  sendChecksum: boolean;
}

/**
 * The production option: an S3-compatible bucket through the AWS SDK v3 client, so every API
 * process sees every file. Objects are written whole from the spooled upload (its length and
 * SHA-256 known, the checksum verified by the store where it supports it) and read as streams.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly opts: S3StorageOptions) {
    this.client = new S3Client({ region: opts.region, endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle, credentials: opts.credentials });
  }

  private key(key: string): string {
    assertSafeKey(key);
    return this.opts.prefix ? `${this.opts.prefix.replace(/\/+$/, '')}/${key}` : key;
  }

  async init(): Promise<void> {
    // Nothing to create: the bucket is provisioned with the deployment (and its access policy).
  }

  async put(key: string, path: string, meta: StoredObjectMeta): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: this.key(key),
        Body: createReadStream(path),
        ContentLength: meta.size,
        ContentType: meta.contentType,
        ...(this.opts.sendChecksum ? { ChecksumSHA256: Buffer.from(meta.sha256, 'hex').toString('base64') } : {}),
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
      if (!out.Body) throw new FileMissingError(key);
      return out.Body instanceof Readable ? out.Body : Readable.fromWeb(out.Body.transformToWebStream() as never);
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') throw new FileMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.key(key) }));
  }
}
