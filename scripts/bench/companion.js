// `npm run bench`, the companion plugin's rows (bench site `companion`, port 8089): what the five
// polling triggers cost once they read its change feed (an idle poll, a poll with one new item),
// how long a delivery takes from a save to a loopback receiver, and what the plugin adds to a save.
// bench.js passes its own tools in: Apache's access log reader, the app tester, a connection.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const bench = require('../../test/wordpress/sites.json');
const { deliveryLatencies } = require('../companion-latency');

const SITE = 'companion';
const ZAP = { zap: { id: `bench-${Date.now().toString(36)}` } };
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** One new item of each trigger's kind, made through the REST API as the connected administrator. */
function makers(auth) {
  const root = bench.sites[SITE].rest_root;
  const post = (route, body) =>
    fetch(`${root}${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json());
  const stamp = () => `bench-feed-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
  let onPost;
  return {
    new_post: () => post('wp/v2/posts', { title: stamp(), status: 'publish' }),
    new_or_updated_post: () => post('wp/v2/posts', { title: stamp(), status: 'publish' }),
    new_user: () => {
      const name = stamp();
      return post('wp/v2/users', { username: name, email: `${name}@example.com`, password: `${name}-Pw!9` });
    },
    new_comment: async () => {
      onPost ??= (await post('wp/v2/posts', { title: stamp(), status: 'publish' })).id;
      return post('wp/v2/comments', { post: onPost, content: stamp(), status: 'approved' });
    },
  };
}

/**
 * Requests, response bytes and server time of each trigger's polls on the feed: turned on, polled
 * until it reads the feed alone, then idle polls and polls with one new item (medians of `runs`).
 */
async function feedPollCosts({ onTheWire, runOp, connect }, runs = 5) {
  const auth = await connect(SITE, 'administrator');
  const make = makers(auth);
  const rows = [];
  for (const [key, label] of [
    ['new_post', 'New Post'],
    ['new_or_updated_post', 'New or Updated Post'],
    ['new_user', 'New User'],
    ['new_comment', 'New Comment'],
  ]) {
    const poll = async () => {
      const { requests } = await onTheWire(SITE, () => runOp('triggers', key, {}, auth, ZAP));
      // Apache logs the site's own background requests too (WP-Cron, the plugin's delivery worker).
      const ours = requests.filter((r) => !/wp-cron\.php|wpjz\/v1\/run/.test(r.path || ''));
      const feedOnly = ours.length === 1 && (ours[0].path || '').includes('wpjz');
      const bytes = ours.reduce((a, r) => a + (r.bytes || 0), 0);
      const ms = ours.reduce((a, r) => a + (r.us || 0), 0) / 1000;
      return { requests: ours.length, bytes, ms, feedOnly };
    };
    await runOp('triggers', key, {}, auth, { ...ZAP, isPopulatingDedupe: true }, false);
    for (let i = 0; i < 4 && !(await poll()).feedOnly; i++);
    const idle = [];
    const one = [];
    for (let i = 0; i < runs; i++) {
      idle.push(await poll());
      await make[key]();
      one.push(await poll());
    }
    const med = (list) => ({
      requests: median(list.map((p) => p.requests)),
      bytes: median(list.map((p) => p.bytes)),
      ms: median(list.map((p) => p.ms)),
    });
    rows.push({ label, idle: med(idle), one: med(one) });
  }
  return rows;
}

/** The plugin's share of a post save (scripts/wordpress/companion-cost.php), as it prints it. */
function saveCost() {
  const script = path.resolve(__dirname, 'wordpress/companion-cost.php');
  return execFileSync('php', [script, SITE, '40'], { encoding: 'utf8' }).trim();
}

async function companionRows(tools) {
  const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  const sized = (b) => (b < 1024 ? `${b} bytes` : `${(b / 1024).toFixed(1)} KB`);
  const spent = (c) => `${c.requests}, ${sized(c.bytes)}, ${fmt(c.ms)} ms`;
  console.log('\n## The companion plugin (site `companion`)\n');
  console.log('Polls on the change feed (requests, response bytes, server time; medians of 5):\n');
  console.log('| trigger | idle poll | one new item |');
  console.log('|---|---|---|');
  for (const r of await feedPollCosts(tools)) console.log(`| ${r.label} | ${spent(r.idle)} | ${spent(r.one)} |`);
  const n = 20;
  const latencies = await deliveryLatencies(n);
  console.log(
    `\nDelivery, from a save's answer to a loopback receiver: median ${latencies[Math.floor(n / 2)]} ms, worst ${latencies[n - 1]} ms (n=${n}).`,
  );
  const cost = saveCost()
    .split('\n')
    .map((line) => `- ${line.trim()}`)
    .join('\n');
  console.log(`\nWhat the plugin adds to a post save (companion-cost.php, 40 saves):\n\n${cost}`);
}

module.exports = { companionRows };
