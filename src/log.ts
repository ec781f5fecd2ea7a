import pino, { type Logger, type LoggerOptions } from 'pino';

/** Paths pino must never print: passwords, communities, keys, tokens. */
export const REDACT_PATHS = [
  'password', '*.password', '*.*.password',
  'community', '*.community', '*.*.community',
  'authKey', '*.authKey', 'privKey', '*.privKey',
  'secret', '*.secret', 'token', '*.token',
  'req.headers.authorization', 'req.headers.cookie',
];

/** One root logger: pretty when a person watches a terminal, JSON lines otherwise. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = process.stdout.isTTY && process.env.DCNET_LOG_FORMAT !== 'json';
  return pino({
    level: process.env.DCNET_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '<secret>' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } } } : {}),
    ...options,
  }, pretty ? undefined : pino.destination(2));
}

let root: Logger | undefined;
export function logger(): Logger {
  root ??= createLogger();
  return root;
}
