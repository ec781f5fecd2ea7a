/** The SSH session the platform drivers share: prompt-driven CLI over ssh2, the pool and its limits. */
export { SshSession, DEFAULT_TIMEOUTS, defaultConfirm } from './ssh-session.js';
export type { SessionOptions, SessionTimeouts, CommandOptions, RunOptions, ConfirmPolicy } from './ssh-session.js';
export { SessionPool, Semaphore, defaultPool } from './pool.js';
export type { PoolOptions, PoolStats, PooledSession } from './pool.js';
export { vrpDialect, rgosDialect, cleanText } from './dialect.js';
export type { CliDialect, LearnedPrompt } from './dialect.js';
