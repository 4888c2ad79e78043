import { DynamicModule, Module } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Personal data never reaches the log: phone numbers, citizen IDs, passwords, codes and tokens are redacted
 * wherever they appear in a logged object, and request logs carry the path without its query string.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.phone',
  '*.citizenId',
  '*.password',
  '*.newPassword',
  '*.code',
  '*.refreshToken',
  '*.accessToken',
  '*.*.phone',
  '*.*.citizenId',
];

/**
 * The path as logged: no query string, and no path segment of 32 characters or more (such a segment is a
 * capability, e.g. the eSMS delivery-report token, not an id: ObjectIds have 24).
 */
export function logPath(url: string): string {
  return (url.split('?')[0] ?? '')
    .split('/')
    .map((segment) => (segment.length >= 32 ? '[redacted]' : segment))
    .join('/');
}

@Module({})
export class AppLoggerModule {
  /**
   * `ownAccessLog`: routes that write their own (sampled) access log; the per-request logger middleware skips them
   * (under load it cost a fifth of a cached public read, even with request logs below the log level).
   */
  static forRoot(config: AppConfig, ownAccessLog: RouteInfo[] = []): DynamicModule {
    return {
      module: AppLoggerModule,
      imports: [
        LoggerModule.forRoot({
          ...(ownAccessLog.length ? { exclude: ownAccessLog } : {}),
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
            serializers: {
              req: (req: { id?: unknown; method?: string; url?: string }) => ({
                id: req.id,
                method: req.method,
                path: logPath(req.url ?? ''),
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
