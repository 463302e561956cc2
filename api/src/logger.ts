import pino from 'pino';
import { requestScope } from './http/request-id';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'sst-api' },
  // Lines written while an HTTP request is served carry its id (see http/request-id.ts).
  mixin: () => {
    const requestId = requestScope.getStore()?.requestId;
    return requestId ? { requestId } : {};
  },
  redact: ['req.headers.authorization', '*.password', '*.token', '*.phone', '*.idNumber'],
});
export type Logger = typeof logger;
