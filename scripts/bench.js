#!/usr/bin/env node
// Figures for the README, measured against the local WordPress (scripts/bench.sh sets it up):
// requests and bytes per operation as Apache logged them (on the wire, not the app's say-so),
// poll latency through Zapier's runtime against a bare HTTP GET of the same URL, bytes against
// WordPress's default response, a 10-post site against a 10 000-post one, cold start, zip size.
// Medians of repeated runs; ratios measured side by side, interleaved, in the same run.
'use strict';
// zapier-platform-core prints a memory line (ZID … RSSMEM) after every run outside its own tests.
const consoleLog = console.log;
console.log = (...args) => (args[0] === 'ZID:' ? undefined : consoleLog(...args));
const { execFileSync } = require('node:child_process');
const diagnosticsChannel = require('node:diagnostics_channel');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createAppTester } = require('zapier-platform-core');
const app = require('../dist/index.js');
const bench = require('../test/wordpress/sites.json');
const { companionRows } = require('./bench-companion');

const ROOT = path.resolve(__dirname, '..');
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

function serveImage() {
  // A real PNG, 64×64, solid colour: WordPress makes its size variants from it.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAQklEQVR4nO3PQQ0AIBDAsAP/nuGNAvZoFSzZ2TPz3d3e7gIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAHwqD/oAAXvEyBQAAAAASUVORK5CYII=',
    'base64',
  );
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
    res.end(png);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function requestsPerOperation(admin) {
  const stamp = Date.now();
  const image = await serveImage();
  const imageUrl = `http://127.0.0.1:${image.address().port}/bench-${stamp}.png`;
  const cats = await runOp('triggers', 'category_list', {}, admin).catch(() => []);
  const tags = await runOp('triggers', 'tag_list', {}, admin).catch(() => []);
  const catId = cats[0] && String(cats[0].id);
  const tagId = tags[0] && String(tags[0].id);
  const users = await runOp('triggers', 'new_user', {}, admin);
  // A published post open to comments, for Create Comment.
  const commentable = await runOp(
    'creates',
    'create_post',
    {
      title: `Bench comments ${stamp}`,
      status: 'publish',
      comment_status: 'open',
    },
    admin,
  );
  const subscriber = users.find((u) => (u.roles || []).includes('subscriber')) || users[0];

  const operations = [
    ['New Post poll (after the first, nothing new)', 'triggers', 'new_post', {}, 2],
    ['New or Updated Post poll (after the first, nothing new)', 'triggers', 'new_or_updated_post', {}, 3],
    ['New User poll', 'triggers', 'new_user', {}, 1],
    [
      'Create Post, no terms, no image',
      'creates',
      'create_post',
      { title: `Bench bare ${stamp}`, status: 'publish' },
      1,
    ],
    [
      // Digits may be a term's ID or a name ("2024"): one include= check per field tells which.
      'Create Post, term IDs from the dropdowns, no image',
      'creates',
      'create_post',
      {
        title: `Bench plain ${stamp}`,
        content: '<p>bench</p>',
        status: 'publish',
        categories: catId ? [catId] : [],
        tags: tagId ? [tagId] : [],
      },
      3,
    ],
    [
      'Create Post, 2 new terms by name',
      'creates',
      'create_post',
      {
        title: `Bench terms ${stamp}`,
        content: '<p>bench</p>',
        status: 'publish',
        categories: [`Bench cat ${stamp}`],
        tags: [`bench-tag-${stamp}`],
      },
      null,
    ],
    [
      'Create Post, featured image URL',
      'creates',
      'create_post',
      { title: `Bench image ${stamp}`, content: '<p>bench</p>', status: 'publish', featured_image: imageUrl },
      null,
    ],
    ['Update User', 'creates', 'update_user', { user_id: String(subscriber.id), description: `bench ${stamp}` }, 1],
    ['Find Post (by slug)', 'searches', 'find_post', { slug: 'bulk-post-00042' }, 1],
    ['Find User (by email)', 'searches', 'find_user', { email: bench.users.editor.email }, 1],
    ['New Comment poll', 'triggers', 'new_comment', {}, 1],
    ['New Media poll', 'triggers', 'new_media', {}, 1],
    [
      'Create Comment',
      'creates',
      'create_comment',
      { post: String(commentable.id), content: `<p>Bench comment ${stamp}</p>` },
      1,
    ],
  ];
  // A Zap's turning on reads the newest posts; the rows show the polls after it.
  const turnOn = { isPopulatingDedupe: true };
  for (const key of ['new_post', 'new_or_updated_post']) await runOp('triggers', key, {}, admin, turnOn);
  const out = [];
  for (const [label, kind, key, input, target] of operations) {
    if (!app[kind] || !app[kind][key]) {
      out.push({ label, missing: true });
      continue;
    }
    const { requests, others } = await onTheWire('main', () => runOp(kind, key, input, admin));
    out.push({
      label,
      requests: requests.length,
      others: others.length,
      bytes: requests.reduce((a, r) => a + (r.bytes || 0), 0),
      target,
      detail: requests
        .map(
          (r) =>
            `${r.method} ${decodeURIComponent(r.path || '')
              .split('?')[0]
              .replace(/^\/wp-json\//, '')}`,
        )
        .join(', '),
    });
  }
  image.close();
  out.push(...(await formLoads(admin)));
  return out;
}

/** Create Post's form for a custom type (its taxonomies, meta and ACF fields): cold, then warm cache. */
async function formLoads(admin) {
  const fields = app.creates.create_post.operation.inputFields.find((field) => typeof field === 'function');
  const rows = [];
  for (const [label, fresh, target] of [
    ['Create Post form, Post Type Books (cold cache)', true, 2],
    ['Create Post form, Post Type Books (warm cache)', false, 1],
  ]) {
    const { requests, others } = await onTheWire('main', () =>
      appTester(fields, { authData: admin, inputData: { post_type: 'book' } }, fresh),
    );
    rows.push({
      label,
      requests: requests.length,
      others: others.length,
      bytes: requests.reduce((a, r) => a + (r.bytes || 0), 0),
      target,
      detail: requests.map((r) => `${r.method} ${decodeURIComponent(r.path || '').split('?')[0]}`).join(', '),
    });
  }
  return rows;
}

async function tokenExchanges() {
  const results = [];
  for (const user of ['editor', 'shortlived']) {
    const session = { auth: null, exchanges: 0 };
    const started = Date.now();
    const { requests } = await onTheWire('main', async () => {
      session.auth = await connect('main', user);
      for (let i = 0; i < 100; i++) {
        await runLikeZapier('triggers', 'new_post', {}, session);
        if (user === 'shortlived') await sleep(60); // spread the calls over several token lifetimes
      }
    });
    const logins = requests.filter(
      (r) => r.method === 'POST' && /jwt-auth(\/|%2F)v1(\/|%2F)token($|\?|&)/.test(r.path || ''),
    ).length;
    results.push({
      user,
      logins,
      seconds: (Date.now() - started) / 1000,
      lifetime: bench.users[user].token_lifetime_seconds || 7 * 86400,
    });
  }
  return results;
}

/** Requests per poll, per create and per renewal under each way in, as each site's Apache logged them. */
async function schemeCosts() {
  const login = app.authentication.sessionConfig.perform;
  const isLogin = (r) =>
    /jwt-auth(\/|%2F)v1(\/|%2F)token($|\?|&)/.test(r.path || '') || /_envelope=1/.test(r.path || '');
  const cases = [
    ['seed JWT plugin', 'main', 'password'],
    ["Useful Team's JWT Auth", 'useful', 'password'],
    ['Application Passwords', 'apppass', 'app_password'],
  ];
  const rows = [];
  for (const [label, site, secret] of cases) {
    const form = (user) => ({
      site_url: bench.sites[site].url,
      username: bench.users[user].username,
      password: bench.users[user][secret],
    });
    const auth = { ...form('editor'), ...(await appTester(login, { authData: form('editor') })) };
    // Turning the Zap on notes what exists.
    await runOp('triggers', 'new_post', {}, auth, { isPopulatingDedupe: true }, true);
    const poll = await onTheWire(site, () => runOp('triggers', 'new_post', {}, auth));
    const create = await onTheWire(site, () =>
      runOp('creates', 'create_post', { title: `bench ${site} ${Date.now()}`, status: 'draft' }, auth),
    );
    // A renewal as Zapier runs one; Application Passwords never get one (nothing expires).
    const renewal =
      auth.auth_scheme === 'app_password' ? null : await onTheWire(site, () => appTester(login, { authData: auth }));
    // 100 polls with 3-second tokens, renewing like Zapier: every login WordPress saw.
    const session = { auth: null, exchanges: 0 };
    const { requests } = await onTheWire(site, async () => {
      session.auth = { ...form('shortlived'), ...(await appTester(login, { authData: form('shortlived') })) };
      for (let i = 0; i < 100; i++) {
        await runLikeZapier('triggers', 'new_post', {}, session);
        await sleep(60);
      }
    });
    rows.push({
      label,
      scheme: auth.auth_scheme,
      poll: poll.requests.length,
      create: create.requests.length,
      renewal: renewal ? renewal.requests.length : 0,
      logins: requests.filter(isLogin).length,
      exchanges: session.exchanges,
    });
  }
  return rows;
}

/** The URL a poll asks for, and its Bearer header, to replay it bare (a first run may ask more). */
async function pollUrl(site, auth, key, meta) {
  await runOp('triggers', key, {}, auth, meta);
  const { requests } = await onTheWire(site, () => runOp('triggers', key, {}, auth, meta));
  const base = new URL(bench.sites[site].url);
  // A Zap's turning on reads indexes after its full poll: the full poll is the one with embeds.
  const full = requests.find((r) => r.path.includes('_embed')) ?? requests[requests.length - 1];
  return `${base.origin}${full.path}`;
}

async function latencyAndBytes(site, auth, key, meta = {}) {
  const url = await pollUrl(site, auth, key, meta);
  const headers = { Authorization: `Bearer ${auth.token}` };
  const appMs = [];
  const bareMs = [];
  let appBytes = 0;
  let items = 0;
  const bare = async () => {
    const t = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let i = 0; i < RUNS + 2; i++) {
    let a = 0;
    // Whichever goes second finds WordPress's caches warm from the first: take turns.
    let b = i % 2 ? await bare() : 0;
    const { requests } = await onTheWire(site, async () => {
      const start = process.hrtime.bigint(); // the log reading around it is not the poll's time
      items = (await runOp('triggers', key, {}, auth, meta)).length;
      a = Number(process.hrtime.bigint() - start) / 1e6;
    });
    if (i % 2 === 0) b = await bare();
    if (i >= 2) {
      // the first two warm caches (PHP opcache, MariaDB)
      appMs.push(a);
      bareMs.push(b);
      appBytes = requests.reduce((s, r) => s + (r.bytes || 0), 0);
    }
  }
  if (key !== 'new_post')
    return { url, items, appMs: median(appMs), bareMs: median(bareMs), appBytes, defaultBytes: NaN };
  // WordPress's default answer for the same posts: no _fields, no _embed.
  const perPage = new URL(url.replace('index.php?rest_route=', 'x?rest_route=')).searchParams.get('per_page') || '10';
  const plain = bench.sites[site].rest_root.includes('rest_route=');
  const defaultUrl = plain
    ? `${bench.sites[site].rest_root.replace('rest_route=/', 'rest_route=/wp/v2/posts')}&per_page=${perPage}`
    : `${bench.sites[site].rest_root}wp/v2/posts?per_page=${perPage}`;
  const { requests: defaultRequests } = await onTheWire(site, async () => {
    const r = await fetch(defaultUrl, { headers });
    await r.arrayBuffer();
  });
  return {
    url,
    items,
    perPage,
    appMs: median(appMs),
    bareMs: median(bareMs),
    appBytes,
    defaultBytes: defaultRequests.reduce((s, r) => s + (r.bytes || 0), 0),
  };
}

const sum = (requests, field) => requests.reduce((a, r) => a + (r[field] || 0), 0);

/**
 * What New Post and New or Updated Post cost on the wire after their first poll, beside a peer that
 * keeps a date cursor and asks only for posts dated after its last poll (Activepieces' WordPress
 * piece: `GET /wp/v2/posts?after=<last poll>&page=1`, WordPress's default fields). Medians of
 * interleaved runs: requests, response bytes, server time (Apache's %D).
 */
async function changesCost(site, auth) {
  const root = bench.sites[site].rest_root;
  const route = (r, query) =>
    root.includes('rest_route=')
      ? `${root.replace('rest_route=/', `rest_route=/${r}`)}&${query}`
      : `${root}${r}?${query}`;
  const headers = { Authorization: `Bearer ${auth.token}` };
  let peerCursor = new Date().toISOString();
  const peer = async () => {
    const url = route('wp/v2/posts', `after=${encodeURIComponent(peerCursor)}&page=1`);
    // Its cursor is when its poll started (lastFetchEpochMS).
    peerCursor = new Date().toISOString();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
  };
  const publish = async (n) => {
    const r = await fetch(route('wp/v2/posts', ''), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: `Bench change ${Date.now()} ${n}`, status: 'publish', content: '<p>bench</p>' }),
    });
    await r.arrayBuffer();
  };
  const measure = async (fn) => {
    const { requests } = await onTheWire(site, fn);
    return { requests: requests.length, bytes: sum(requests, 'bytes'), ms: sum(requests, 'us') / 1000 };
  };
  const ours = (key) => () => runOp('triggers', key, {}, auth);
  await sleep(300); // Apache logs a request just after answering it: the row count's lines go first
  const first = {
    new_post: await measure(() => runOp('triggers', 'new_post', {}, auth, { isPopulatingDedupe: true }, true)),
    new_or_updated_post: await measure(() =>
      runOp('triggers', 'new_or_updated_post', {}, auth, { isPopulatingDedupe: true }),
    ),
  };
  const rows = {
    nothing: { new_post: [], new_or_updated_post: [], peer: [] },
    one: { new_post: [], new_or_updated_post: [], peer: [] },
  };
  const runs = Math.max(5, Math.min(RUNS, 11));
  for (let i = 0; i < runs; i++) {
    for (const key of ['new_post', 'new_or_updated_post']) rows.nothing[key].push(await measure(ours(key)));
    rows.nothing.peer.push(await measure(peer));
    // WordPress dates have whole seconds and `after` is strict: a post in the second of the peer's
    // last poll would be missed by it (on a real site polls are minutes apart).
    await sleep(1100);
    await publish(i);
    // Both deliver the new post on this poll: every index runs on every poll.
    for (const key of ['new_post', 'new_or_updated_post']) rows.one[key].push(await measure(ours(key)));
    rows.one.peer.push(await measure(peer));
  }
  const med = (list) => ({
    requests: median(list.map((x) => x.requests)),
    bytes: median(list.map((x) => x.bytes)),
    ms: median(list.map((x) => x.ms)),
  });
  const out = { first, nothing: {}, one: {} };
  for (const kind of ['nothing', 'one'])
    for (const who of Object.keys(rows[kind])) out[kind][who] = med(rows[kind][who]);
  return out;
}

/** What Zapier's runtime costs a step by itself: the same app tester, a perform that does nothing. */
async function runtimeFloor(auth) {
  const ms = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const start = process.hrtime.bigint();
    await appTester(async () => [{ id: 1 }], { authData: auth, inputData: {} });
    if (i >= 2) ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(ms);
}

function coldStart() {
  const node = process.execPath;
  const load = (target) =>
    Number(
      execFileSync(
        node,
        [
          '-e',
          `const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
        ],
        { cwd: ROOT },
      ).toString(),
    );
  const appMs = [];
  const coreMs = [];
  for (let i = 0; i < RUNS; i++) {
    coreMs.push(load('zapier-platform-core'));
    appMs.push(load('./dist/index.js'));
  }
  const zip = path.join(ROOT, 'build', 'build.zip');
  return { appMs: median(appMs), coreMs: median(coreMs), zipBytes: fs.existsSync(zip) ? fs.statSync(zip).size : NaN };
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

/**
 * New User, New Comment and New Media after a Zap's turning on: an idle poll (median of 5), a poll
 * with one new item, and a burst of 250 made at once on the server (scripts/wordpress/burst.php):
 * requests, response bytes and server time per poll as Apache logged them, the polls it takes to
 * deliver, and the heaviest of those polls. What the bench made is removed after.
 */
async function idPollCosts(admin) {
  const stamp = `bench${Date.now().toString(36)}`;
  const php = (...args) =>
    execFileSync('php', [path.join(ROOT, 'scripts/wordpress/burst.php'), 'main', ...args], { encoding: 'utf8' });
  const burst = (kind, n, name) => JSON.parse(php(kind, String(n), `${stamp}-${name}`));
  const rows = [];
  try {
    for (const [kind, key, label] of [
      ['users', 'new_user', 'New User'],
      ['comments', 'new_comment', 'New Comment'],
      ['media', 'new_media', 'New Media'],
    ]) {
      await runOp('triggers', key, {}, admin, { isPopulatingDedupe: true }, true);
      const route = `/wp-json/wp/v2/${kind}`;
      const poll = async () => {
        const { result, requests } = await onTheWire('main', () => runOp('triggers', key, {}, admin));
        // Others may use the bench meanwhile: only this trigger's route counts.
        const ours = requests.filter((r) => (r.path || '').startsWith(route));
        const bytes = ours.reduce((a, r) => a + (r.bytes || 0), 0);
        const ms = ours.reduce((a, r) => a + (r.us || 0), 0) / 1000;
        return { ids: result.map((item) => item.id), requests: ours.length, bytes, ms };
      };
      const idles = [];
      for (let i = 0; i < 5; i++) idles.push(await poll());
      const pick = (ps, f) => median(ps.map(f));
      const idle = {
        requests: pick(idles, (p) => p.requests),
        bytes: pick(idles, (p) => p.bytes),
        ms: pick(idles, (p) => p.ms),
      };
      const [fresh] = burst(kind, 1, `one-${kind}`);
      const one = await poll();
      const ids = burst(kind, 250, `burst-${kind}`);
      const seen = new Set();
      const polls = [];
      while (polls.length < 10 && ids.some((id) => !seen.has(id))) {
        const p = await poll();
        p.ids.forEach((id) => seen.add(id));
        polls.push(p);
      }
      const heaviest = polls.reduce((a, p) => (p.bytes > a.bytes ? p : a), polls[0]);
      rows.push({
        label,
        idle,
        one,
        firstPoll: one.ids.includes(fresh),
        burstPolls: polls.length,
        delivered: ids.every((id) => seen.has(id)),
        heaviest,
      });
    }
  } finally {
    php('clean', stamp);
    // The rows after this one poll as a Zap's first poll would: no state kept from these Zaps.
    appTester.zcacheTestObj = {};
  }
  return rows;
}

async function main() {
  const started = Date.now();
  console.log(`# wp-jwt-zapier benchmark — ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${RUNS} runs per median, local WordPress 6.1 (Apache + mod_php + MariaDB) on 127.0.0.1.\n`,
  );

  if (process.env.BENCH_ONLY === 'companion') return companionRows({ onTheWire, runOp, connect });
  const admin = await connect('main', 'administrator');
  const idPolls = await idPollCosts(admin);
  const sized = (bytes) => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`);
  const spent = (c) => `${c.requests}, ${sized(c.bytes)}, ${fmt(c.ms)} ms`;
  console.log('## New User, New Comment, New Media after turning on (requests, response bytes, server time)\n');
  console.log(
    '| trigger | idle poll (median of 5) | one new item | fires on the first poll | a burst of 250: polls | its heaviest poll |',
  );
  console.log('|---|---|---|---|---:|---|');
  for (const r of idPolls)
    console.log(
      `| ${r.label} | ${spent(r.idle)} | ${spent(r.one)} | ${r.firstPoll ? 'yes' : 'no'} | ${r.burstPolls}${r.delivered ? '' : ' (not all delivered)'} | ${spent(r.heaviest)} |`,
    );
  if (process.env.BENCH_ONLY === 'id_polls') return;
  console.log('');
  const perOp = await requestsPerOperation(admin);
  console.log('## Requests per operation (Apache access log)\n');
  console.log('| operation | requests to WordPress | other requests | response bytes | target | requests |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of perOp) {
    if (r.missing) console.log(`| ${r.label} | (operation not in the app) | | | | |`);
    else console.log(`| ${r.label} | ${r.requests} | ${r.others} | ${r.bytes} | ${r.target ?? '—'} | ${r.detail} |`);
  }

  const tokens = await tokenExchanges();
  console.log('\n## Token exchanges per 100 consecutive polls (renewing like Zapier on RefreshAuthError)\n');
  console.log('| user | token lifetime | duration of the 100 polls | logins seen by WordPress |');
  console.log('|---|---:|---:|---:|');
  for (const t of tokens)
    console.log(
      `| ${t.user} | ${t.lifetime >= 86400 ? `${t.lifetime / 86400} days` : `${t.lifetime} s`} | ${fmt(t.seconds)} s | ${t.logins} |`,
    );

  const schemes = await schemeCosts();
  console.log('\n## Requests under each way in (Apache access log of main, useful, apppass)\n');
  console.log(
    '| way in | auth_scheme | New Post poll | Create Post | a renewal | logins over 100 polls, 3-second tokens | target |',
  );
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const s of schemes)
    console.log(
      `| ${s.label} | ${s.scheme} | ${s.poll} | ${s.create} | ${s.renewal} | ${s.logins} | ${s.scheme === 'app_password' ? '≤ 2 / 1 / 0 / 1 (the connect)' : '≤ 2 / 1 / 1 / one per lifetime'} |`,
    );

  // Scale: the same site (plain) as seeded, then with 10 000 more posts and users (older than the
  // seed, so the newest items a poll returns are the same), then back as it was.
  const plainAdmin = await connect('plain', 'administrator');
  // The scale rows ask both sizes for the same number of items (meta.limit 10), so they differ
  // only in what the site holds; the full-size rows are the poll as Zapier runs it (50 posts, 100 users).
  const LIMIT = { limit: 10 };
  // New Post's full poll (a Zap's first, or one whose kept state is lost): polls after it ask only
  // what is new, measured in their own section below.
  const FULL = { isPopulatingDedupe: true };
  // New User polls by ID, and bulk users take the highest IDs: each size is measured as a Zap turned
  // on against it, so that the polls are idle ones (a burst would otherwise be walked first).
  const turnOnUsers = () => runOp('triggers', 'new_user', {}, plainAdmin, { isPopulatingDedupe: true }, true);
  const measure = async (withFull) => ({
    turnedOn: await turnOnUsers(),
    counts: await countRows('plain', plainAdmin),
    posts: await latencyAndBytes('plain', plainAdmin, 'new_post', { ...LIMIT, ...FULL }),
    users: await latencyAndBytes('plain', plainAdmin, 'new_user', LIMIT),
    fullPosts: withFull ? await latencyAndBytes('plain', plainAdmin, 'new_post', FULL) : undefined,
    fullUsers: withFull ? await latencyAndBytes('plain', plainAdmin, 'new_user') : undefined,
  });
  wordpress('unbulk', 'plain');
  const small = await measure(false);
  let big;
  try {
    wordpress('bulk', 'plain', '10000');
    big = await measure(true);
  } finally {
    wordpress('unbulk', 'plain');
  }
  console.log('\n## Polls: latency and bytes (medians)\n');
  console.log(
    '| poll | site size (posts / users) | items | through Zapier runtime | bare GET, same URL and token | ratio (target ≤ 1.15) | bytes per poll | default /wp/v2/posts bytes | ratio (target ≤ 0.5) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (label, m, r) =>
    console.log(
      `| ${label} | ${m.counts[0]} / ${m.counts[1]} | ${r.items} | ${fmt(r.appMs)} ms | ${fmt(r.bareMs)} ms | ${fmt(r.appMs / r.bareMs, 2)}× | ${r.appBytes} | ${Number.isFinite(r.defaultBytes) ? r.defaultBytes : '—'} | ${Number.isFinite(r.defaultBytes) ? `${fmt(r.appBytes / r.defaultBytes, 2)}×` : '—'} |`,
    );
  row('New Post, full poll', big, big.fullPosts);
  row('New User, full poll', big, big.fullUsers);
  for (const [key, label] of [
    ['posts', 'New Post'],
    ['users', 'New User'],
  ]) {
    row(`${label}, limit 10`, small, small[key]);
    row(`${label}, limit 10`, big, big[key]);
  }
  console.log('\nScale, the same poll on the 10 000-item site vs the small one (target ≤ 1.2×):');
  for (const [key, label] of [
    ['posts', 'New Post'],
    ['users', 'New User'],
  ]) {
    console.log(
      `- ${label}: poll time ${fmt(big[key].appMs / small[key].appMs, 2)}× (a bare GET of the same URL: ${fmt(big[key].bareMs / small[key].bareMs, 2)}×), bytes ${fmt(big[key].appBytes / small[key].appBytes, 2)}×`,
    );
  }

  const size = (bytes) => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`);
  const cost = (c) => `${c.requests}, ${size(c.bytes)}, ${fmt(c.ms)} ms`;
  const changes = {};
  wordpress('unbulk', 'plain');
  changes.small = { counts: await countRows('plain', plainAdmin), ...(await changesCost('plain', plainAdmin)) };
  try {
    wordpress('bulk', 'plain', '10000');
    changes.big = { counts: await countRows('plain', plainAdmin), ...(await changesCost('plain', plainAdmin)) };
  } finally {
    wordpress('unbulk', 'plain');
  }
  console.log(
    '\n## New Post and New or Updated Post after their first poll (requests, response bytes, server time; medians)\n',
  );
  console.log('| poll | site size (posts) | New Post | New or Updated Post | the peer (date cursor, default fields) |');
  console.log('|---|---:|---|---|---|');
  for (const size of ['small', 'big']) {
    const c = changes[size];
    console.log(
      `| nothing new | ${c.counts[0]} | ${cost(c.nothing.new_post)} | ${cost(c.nothing.new_or_updated_post)} | ${cost(c.nothing.peer)} |`,
    );
    console.log(
      `| one new post | ${c.counts[0]} | ${cost(c.one.new_post)} | ${cost(c.one.new_or_updated_post)} | ${cost(c.one.peer)} |`,
    );
    console.log(
      `| turning a Zap on (50 newest with embeds, then the indexes of the last day) | ${c.counts[0]} | ${cost(c.first.new_post)} | ${cost(c.first.new_or_updated_post)} | — |`,
    );
  }

  await companionRows({ onTheWire, runOp, connect });

  const floor = await runtimeFloor(plainAdmin);
  console.log(
    `\nZapier's runtime alone (the app tester running a perform that returns at once, median): ${fmt(floor, 2)} ms.` +
      ` The New User full poll less that: ${fmt(big.fullUsers.appMs - floor)} ms against ${fmt(big.fullUsers.bareMs)} ms for the bare GET.`,
  );

  const cold = coldStart();
  console.log('\n## Cold start (require in a fresh Node process, median)\n');
  console.log('| load | ms |');
  console.log('|---|---:|');
  console.log(`| zapier-platform-core alone | ${fmt(cold.coreMs)} |`);
  console.log(`| the built app (dist/index.js) | ${fmt(cold.appMs)} |`);
  console.log(`| ratio (target ≤ 1.2) | ${fmt(cold.appMs / cold.coreMs, 2)}× |`);
  console.log(
    `\nBuild zip (build/build.zip): ${Number.isFinite(cold.zipBytes) ? `${(cold.zipBytes / 1024 / 1024).toFixed(2)} MiB` : 'not built'}.`,
  );
  console.log(`\n(benchmark took ${fmt((Date.now() - started) / 1000)} s)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
