// Global teardown: the whole run's logs, outputs and error messages must not contain any bench
// user's password or any token the run was issued. Fails the run otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import benchConfig from '../wordpress/sites.json';
import { LOG_DIR } from './logs';

export default function secretScan(): void {
  if (!existsSync(LOG_DIR)) return; // no e2e test ran (unit-only run)
  const files = readdirSync(LOG_DIR).map((f) => path.join(LOG_DIR, f));
  const logs = files.filter((f) => path.basename(f).startsWith('output-')).map((f) => readFileSync(f, 'utf8'));
  const tokens = files
    .filter((f) => path.basename(f).startsWith('tokens-'))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    .filter(Boolean);
  const text = logs.join('\n');
  // The check must have something to check: Zapier's request logs with their censored secrets.
  if (!text.includes(':censored:'))
    throw new Error(`secret scan: the e2e logs in ${LOG_DIR} hold no Zapier request logs; the capture is broken`);
  const secrets = [
    ...Object.entries(benchConfig.users).map(([name, u]) => ({ what: `${name}'s password`, value: u.password })),
    ...Object.entries(benchConfig.users).map(([name, u]) => ({
      what: `${name}'s Application Password`,
      value: u.app_password,
    })),
    { what: 'the bulk users’ password', value: benchConfig.bulk.user_password },
    ...tokens.map((t, i) => ({ what: `issued token #${i + 1}`, value: t })),
  ];
  const leaks = secrets.filter((s) => text.includes(s.value)).map((s) => s.what);
  if (leaks.length) throw new Error(`secret scan: found ${leaks.join(', ')} in the e2e output (${LOG_DIR})`);
  process.stdout.write(
    `\nsecret scan: ${(text.length / 1024).toFixed(0)} KiB of e2e logs, outputs and errors hold none of ${secrets.length} secrets (${tokens.length} tokens)\n`,
  );
}
