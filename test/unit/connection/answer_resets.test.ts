// A connection reset while an answer is arriving fails at once, as a reset: node-fetch alone waits
// for its timeout when the answer has a Content-Length (measured: the full time limit, then
// "Response timeout"). A real server on 127.0.0.1 resets mid-body, or never answers (the time
// limit, a signal whose timer does not outlive the request); nothing else is contacted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import app from '../../../index';
import { wpPost } from '../fixtures';
import { LOGGED_IN_HEADERS, TOKEN, caught, userMessage } from '../helpers';

const appTester = createAppTester(app);
let server: http.Server;
let origin = '';
const posts: string[] = [];

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST') posts.push(url.pathname);
    if (url.pathname === '/wp-json/wp/v2/posts' && req.method === 'GET') {
      const found = [
        {
          id: 500,
          title: { raw: 'Reset', rendered: 'Reset' },
          slug: '',
          author: 2,
          modified_gmt: new Date().toISOString().slice(0, 19),
        },
      ];
      return void res
        .writeHead(200, { 'Content-Type': 'application/json', Date: new Date().toUTCString(), ...LOGGED_IN_HEADERS })
        .end(JSON.stringify(found));
    }
    if (url.pathname === '/wp-json/wp/v2/posts/500') {
      return void res
        .writeHead(200, { 'Content-Type': 'application/json', ...LOGGED_IN_HEADERS })
        .end(JSON.stringify(wpPost({ id: 500 })));
    }
    // A site slower than the time limit: no answer at all.
    if (url.pathname.startsWith('/wp-json/slow/')) return;
    // Everything else: WordPress's headers and half its answer, then the connection reset.
    const body = JSON.stringify(wpPost({ id: 500 }));
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
    res.write(body.slice(0, body.length / 2));
    setTimeout(() => req.socket.destroy(), 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // This file's nock stays in Node's http for the worker's next files: it must let them through.
  nock.enableNetConnect();
});

const authData = () => ({
  site_url: origin,
  username: 'edith',
  password: 'x',
  token: TOKEN,
  rest_root: `${origin}/wp-json/`,
});

it('a read reset mid-answer fails at once, saying the answer was cut off by a reset (not a timeout)', async () => {
  const started = Date.now();
  const test = (app.authentication as unknown as { test: never }).test;
  const message = userMessage(await caught(() => appTester(test, { authData: authData() } as never)));
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(message).toBe(
    `The connection to 127.0.0.1:${new URL(origin).port} was reset while its answer was arriving (the answer was cut off). This is usually temporary; try again. If it persists, a proxy or firewall in front of the site may be cutting long answers.`,
  );
});

it('a Create Post reset mid-answer is looked up at once and found: one write, a warning, no 25-second wait', async () => {
  const started = Date.now();
  const out = (await appTester(createPostPerform(), {
    authData: authData(),
    inputData: { title: 'Reset', status: 'publish' },
  } as never)) as { id: number; warnings: string[] };
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(out.id).toBe(500);
  expect(out.warnings[0]).toMatch(
    /^WordPress's answer was lost \(the connection was reset while WordPress's answer was arriving\)/,
  );
  expect(posts).toEqual(['/wp-json/wp/v2/posts']);
});

function createPostPerform() {
  return (app.creates!.create_post.operation as unknown as { perform: never }).perform;
}

describe('a site slower than the time limit (half a second here)', () => {
  beforeEach(() => {
    process.env.WP_REQUEST_TIMEOUT_MS = '500';
  });
  afterEach(() => {
    delete process.env.WP_REQUEST_TIMEOUT_MS;
  });
  const apiRequest = (method: string) =>
    appTester((app.creates!.api_request.operation as unknown as { perform: never }).perform, {
      authData: authData(),
      inputData: { method, path: 'slow/v1/wait', body: method === 'GET' ? undefined : '{}' },
    } as never);

  it('a read fails at the limit, saying the site did not answer in time', async () => {
    const started = Date.now();
    expect(userMessage(await caught(() => apiRequest('GET')))).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a write at the limit is an answer lost: no answer came within the limit', async () => {
    const out = (await apiRequest('POST')) as { outcome_unknown: boolean; warnings: string[] };
    expect(out.outcome_unknown).toBe(true);
    expect(out.warnings[0]).toMatch(/was lost: no answer came within 0\.5 seconds\./);
  });
});
