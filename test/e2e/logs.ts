// Where the end-to-end run keeps everything it printed or was handed (Zapier's detailed HTTP logs,
// console output, operation results, error messages) and every token it was issued, so that the
// global teardown can prove no password or token leaked into any of it.
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const LOG_DIR = process.env.WPJZ_E2E_LOG_DIR ?? path.join(tmpdir(), 'wpjz-e2e-logs');
export const OUTPUT_LOG = path.join(LOG_DIR, `output-${process.pid}.log`);
export const TOKENS_FILE = path.join(LOG_DIR, `tokens-${process.pid}.txt`);

export function record(text: string): void {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(OUTPUT_LOG, text.endsWith('\n') ? text : `${text}\n`);
}

export function recordToken(token: string | undefined): void {
  if (!token) return;
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(TOKENS_FILE, `${token}\n`);
}
