// Runs before each e2e test file: turn on Zapier's detailed request logs (as `invoke --debug`
// shows them) and send all console output to the run's log instead of the terminal.
import { format } from 'node:util';
import { record } from './logs';

process.env.LOG_TO_STDOUT = '1';
process.env.DETAILED_LOG_TO_STDOUT = '1';
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => record(format(...args));
}
