import type { AppConfig } from '../config.js';
import { S3Storage } from './s3-storage.js';
import { DiskStorage, type FileStorage } from './storage.js';

/** The store the configuration names (FILE_STORAGE): a folder (default) or an S3-compatible bucket. */
export function createStorage(config: AppConfig): FileStorage {
  if (config.FILE_STORAGE === 'disk') return new DiskStorage(config.FILE_STORAGE_DIR);
  return new S3Storage({
    bucket: config.S3_BUCKET!,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
    prefix: config.S3_PREFIX,
    sendChecksum: config.S3_SEND_CHECKSUM,
  });
}
