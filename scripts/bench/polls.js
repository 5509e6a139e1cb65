// `npm run bench`: what the polls cost (latency through Zapier's runtime against a bare GET, bytes,
// the post polls beside a date-cursor peer, the ID polls' idle polls and bursts), Zapier's runtime
// floor, and the cold start.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, RUNS, appTester, bench, median, sleep, onTheWire, runOp } = require('./tools');

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

module.exports = { pollUrl, latencyAndBytes, changesCost, runtimeFloor, coldStart, idPollCosts };
