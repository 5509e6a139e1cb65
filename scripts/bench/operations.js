// `npm run bench`: requests per operation (Apache's access log), the forms' dropdown loads, token
// exchanges over 100 polls, and what each way in costs.
'use strict';
const http = require('node:http');
const { appTester, app, bench, sleep, onTheWire, connect, runOp, runLikeZapier } = require('./tools');

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

module.exports = { requestsPerOperation, tokenExchanges, schemeCosts };
