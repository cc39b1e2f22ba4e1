import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches a log line: the redaction list covers the
 * field names personal data travels under, wherever they appear in a logged object.
 */
export const PERSONAL_FIELDS = ['idCardNumber', 'idCardIndex', 'phone', 'idCard', 'mobile', 'liaisonContact'] as const;

/** `destination`: where lines go (default stdout); tests pass a stream to read what would be logged. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'talent-schemes' },
    redact: {
      paths: [
        ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
