import { pino, type Logger } from 'pino';
import type { ApiConfig } from '../config';

/** Structured JSON logger of the API process; never logs tokens or request bodies. */
export function createLogger(config: Pick<ApiConfig, 'logLevel' | 'serviceName'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: config.serviceName },
    redact: {
      paths: ['req.headers.authorization', 'connectionParams.authorization', '*.token'],
      remove: true,
    },
  });
}
