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
const { RUNS, fmt, onTheWire, connect, runOp, countRows, wordpress } = require('./bench/tools');
const { requestsPerOperation, tokenExchanges, schemeCosts } = require('./bench/operations');
const { latencyAndBytes, changesCost, runtimeFloor, coldStart, idPollCosts } = require('./bench/polls');
const { companionRows } = require('./bench/companion');

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
