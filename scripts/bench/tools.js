// The bench's own tools (scripts/bench.js and its parts): Apache's access log read around a call
// (requests, bytes and server time on the wire), the app run through Zapier's app tester, a
// connection as Zapier makes it, and the bench's sites.
'use strict';
const { execFileSync } = require('node:child_process');
const diagnosticsChannel = require('node:diagnostics_channel');
const fs = require('node:fs');
const path = require('node:path');
const { createAppTester } = require('zapier-platform-core');
const app = require('../../dist/index.js');
const bench = require('../../test/wordpress/sites.json');

const ROOT = path.resolve(__dirname, '../..');
const LOGS = path.join(process.env.WPJZ_BENCH_DIR || '/var/tmp/wp-jwt-zapier', 'logs');
const RUNS = Number(process.env.BENCH_RUNS || 21);
const appTester = createAppTester(app);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

/** Lines Apache appended to a site's access log while `fn` ran: [{method, path, status, bytes, us}]. */
async function onTheWire(site, fn) {
  const file = path.join(LOGS, `${site}-access.log`);
  const start = fs.existsSync(file) ? fs.statSync(file).size : 0;
  // Requests to any other host (an image server) are counted from Node's own http client.
  const others = [];
  const channel = diagnosticsChannel.channel('http.client.request.start');
  const port = new URL(bench.sites[site].url).port;
  const listener = ({ request }) => {
    const host = String(request.getHeader('host') || '');
    if (!host.endsWith(`:${port}`)) others.push(`${request.method} ${host}${request.path}`);
  };
  channel.subscribe(listener);
  let result;
  try {
    result = await fn();
  } finally {
    channel.unsubscribe(listener);
  }
  await sleep(60); // Apache writes the line just after the answer
  const added = fs.readFileSync(file).subarray(start).toString('utf8').trim();
  const lines = added ? added.split('\n') : [];
  const requests = lines.map((line) => {
    const m = /"(\S+) (\S+) [^"]*" (\d{3}) (\d+|-) (\d+)us/.exec(line);
    return m
      ? { method: m[1], path: m[2], status: Number(m[3]), bytes: m[4] === '-' ? 0 : Number(m[4]), us: Number(m[5]) }
      : { raw: line };
  });
  return { result, requests, others };
}

async function connect(site, user) {
  const form = {
    site_url: bench.sites[site].url,
    username: bench.users[user].username,
    password: bench.users[user].password,
  };
  return { ...form, ...(await appTester(app.authentication.sessionConfig.perform, { authData: form })) };
}

function perform(kind, key) {
  const op = app[kind] && app[kind][key];
  if (!op) throw new Error(`the app has no ${kind} ${key}`);
  return op.operation.perform;
}

async function runOp(kind, key, inputData, authData, meta = {}, freshCache = false) {
  return appTester(
    perform(kind, key),
    {
      authData,
      inputData,
      meta: { isLoadingSample: false, isFillingDynamicDropdown: false, limit: -1, page: 0, ...meta },
    },
    freshCache,
  );
}

/** Runs an operation the way Zapier does: a RefreshAuthError means log in again and retry once. */
async function runLikeZapier(kind, key, inputData, session) {
  try {
    return await runOp(kind, key, inputData, session.auth);
  } catch (err) {
    if (err.name !== 'RefreshAuthError') throw err;
    session.auth = {
      ...session.auth,
      ...(await appTester(app.authentication.sessionConfig.perform, { authData: session.auth })),
    };
    session.exchanges += 1;
    return runOp(kind, key, inputData, session.auth);
  }
}

function countRows(site, auth) {
  const query = (route) => {
    const root = bench.sites[site].rest_root;
    return root.includes('rest_route=')
      ? `${root.replace('rest_route=/', `rest_route=/${route}`)}&per_page=1`
      : `${root}${route}?per_page=1`;
  };
  const headers = { Authorization: `Bearer ${auth.token}` };
  // Apache may close an idle keep-alive connection just as fetch reuses it: ask once more then.
  const total = async (route) => {
    const response = await fetch(query(route), { headers }).catch(() => fetch(query(route), { headers }));
    return Number(response.headers.get('x-wp-total'));
  };
  return Promise.all(['wp/v2/posts', 'wp/v2/users'].map(total));
}

function wordpress(...args) {
  execFileSync(path.join(ROOT, 'scripts/wordpress.sh'), args, { stdio: 'ignore' });
}

module.exports = {
  ROOT,
  RUNS,
  appTester,
  app,
  bench,
  median,
  sleep,
  fmt,
  onTheWire,
  connect,
  perform,
  runOp,
  runLikeZapier,
  countRows,
  wordpress,
};
