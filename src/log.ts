import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches a log line: the redaction list covers the
 * field names personal data travels under, wherever they appear in a logged object.
 */
export const PERSONAL_FIELDS = ['idCardNumber', 'phone', 'idCard', 'mobile'] as const;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
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
  });
}

export type { Logger };
