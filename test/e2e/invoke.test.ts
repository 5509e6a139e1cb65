// `zapier-platform invoke` (the CLI developers use, on Node 22) against the real WordPress, from a
// .env as the README documents it: refresh, test, label, and a trigger; with --debug, the output
// must not contain the password or the token.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireWordPress, sites, users } from './harness';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
jest.setTimeout(180_000);

let dir: string;

async function invoke(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(
    path.join(root, 'scripts/zapier.sh'),
    ['invoke', ...args, '--non-interactive', '--debug'],
    {
      cwd: dir,
      maxBuffer: 32 * 1024 * 1024,
    },
  );
  return `${stdout}\n${stderr}`;
}

beforeAll(async () => {
  await requireWordPress('main');
  await run('npm', ['run', '--silent', 'build'], { cwd: root });
  // invoke reads .env from its working folder: give it one of its own beside the built app.
  dir = mkdtempSync(path.join(tmpdir(), 'wpjz-invoke-'));
  for (const f of ['package.json', 'dist', 'node_modules', '.zapierapprc'])
    symlinkSync(path.join(root, f), path.join(dir, f));
  const user = users.awkward; // quotes, spaces, & and non-ASCII: dotenv needs backticks for this one
  writeFileSync(
    path.join(dir, '.env'),
    `authData_site_url=${sites.main.url}\nauthData_username=${user.username}\nauthData_password=\`${user.password}\`\n`,
  );
});

it('refreshes, tests and labels the connection, and never prints the password or token', async () => {
  let output = await invoke('auth', 'refresh');
  expect(output).toMatch(/Auth data has been refreshed/);
  const env = readFileSync(path.join(dir, '.env'), 'utf8');
  const token = /authData_token='?([^'\n]+)/.exec(env)?.[1] ?? '';
  expect(token.split('.')).toHaveLength(3);
  output += await invoke('auth', 'test');
  expect(output).toContain(`"username": "${users.awkward.username}"`);
  output += await invoke('auth', 'label');
  expect(output).toContain('"site": "127.0.0.1:8080"');
  expect(output).not.toContain(users.awkward.password);
  expect(output).not.toContain(token);
  expect(output).toContain(':censored:');
});
