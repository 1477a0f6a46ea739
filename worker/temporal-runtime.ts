/**
 * Installs the Temporal runtime of a process: the SDK's own logs (worker, bundler, workflow `log`,
 * activity `log`) go into pino, so a process has one log stream; and the SDK does not react to
 * signals itself, so the process entry shuts down API, worker and server in its own order.
 * Must run before the first connection or worker is created.
 */
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const pinoLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export function installTemporalRuntime(logger: Logger, level: LogLevel = 'INFO'): void {
  const temporalLogger = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      temporalLogger[pinoLevel[entry.level]](entry.meta ?? {}, entry.message);
    }),
    shutdownSignals: [],
  });
}
