#!/usr/bin/env node
// The app's main job against a WordPress site, through zapier-platform-core's runtime (the app
// tester runs each operation exactly as Zapier does, middlewares included): connect, poll New Post,
// Create Post, Update Post, poll New or Updated Post, poll New User, Update User.
// Site and login: the local bench (test/wordpress/sites.json) unless WP_SITE_URL, WP_USERNAME and
// WP_PASSWORD are set. Run through `npm start`, which builds dist/ first.
'use strict';
// zapier-platform-core prints a memory line (ZID … RSSMEM) after every run outside its own tests.
const consoleLog = console.log;
console.log = (...args) => (args[0] === 'ZID:' ? undefined : consoleLog(...args));
const { createAppTester } = require('zapier-platform-core');
const app = require('../dist/index.js');
const { authentication } = app;
const bench = require('../test/wordpress/sites.json');

const appTester = createAppTester(app);
const form = {
  site_url: process.env.WP_SITE_URL || bench.sites.main.url,
  username: process.env.WP_USERNAME || bench.users.administrator.username,
  password: process.env.WP_PASSWORD || bench.users.administrator.password,
  allow_http: process.env.WP_ALLOW_HTTP || 'no',
};

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (title) => console.log(`\n${bold(`▶ ${title}`)}`);
const line = (label, value) => console.log(`  ${label.padEnd(16)} ${value ?? '—'}`);
const clip = (s, n = 70) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s || '');

/** Zapier's errors carry JSON in `message`; show what a Zapier user would read. */
function readable(err) {
  try {
    const parsed = JSON.parse(err.message);
    if (parsed && parsed.message) return parsed.message;
  } catch (_) {
    // plain message
  }
  return err.message || String(err);
}

async function operation(kind, key, inputData, authData, meta = {}) {
  const op = app[kind] && app[kind][key];
  if (!op) throw new Error(`the app has no ${kind} "${key}"`);
  return appTester(op.operation.perform, {
    authData,
    inputData,
    meta: { isLoadingSample: false, isFillingDynamicDropdown: false, limit: -1, page: 0, ...meta },
  });
}

function printPosts(posts, max = 5) {
  for (const p of posts.slice(0, max)) {
    console.log(`  #${String(p.post_id ?? p.id).padEnd(6)} ${String(p.date ?? '').padEnd(25)} ${clip(p.title, 48)}`);
    console.log(
      `  ${''.padEnd(7)} by ${p.author_name ?? '?'} · ${[...(p.category_names ?? []), ...(p.tag_names ?? []).map((t) => `#${t}`)].join(', ') || 'no terms'} · ${p.link}`,
    );
  }
  if (!posts.length) console.log('  (none)');
}

async function main() {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);

  step(`Connect to ${form.site_url} as ${form.username}`);
  const computed = await appTester(authentication.sessionConfig.perform, { authData: form });
  const authData = { ...form, ...computed };
  const me = await appTester(authentication.test, { authData });
  const label = authentication.connectionLabel.replace(/{{(\w+)}}/g, (_m, key) => me[key]);
  line('Connection', label);
  line('Roles', (me.roles || []).join(', '));
  line('REST root', authData.rest_root);

  step('Poll “New Post” (newest first)');
  printPosts(await operation('triggers', 'new_post', {}, authData));

  step('Create Post (terms by name, created when missing)');
  const created = await operation(
    'creates',
    'create_post',
    {
      title: `Hello from wp-jwt-zapier ${stamp} — “quotes” & émoji 🚀`,
      content: '<p>Written by the <strong>wp-jwt-zapier</strong> main job.</p>',
      excerpt: 'Written by the wp-jwt-zapier main job.',
      status: 'publish',
      categories: ['Zapier Demo'],
      tags: ['automation', 'main job'],
    },
    authData,
  );
  printPosts([created]);

  step('Update Post (only the filled-in fields change)');
  const updated = await operation(
    'creates',
    'update_post',
    {
      post_id: String(created.post_id),
      excerpt: `Updated at ${new Date().toISOString()}`,
    },
    authData,
  );
  line('Post', `#${updated.post_id} “${clip(updated.title, 50)}”`);
  line('Excerpt', updated.excerpt_text);
  line('Modified', updated.modified);

  step('Poll “New or Updated Post”');
  const changed = await operation('triggers', 'new_or_updated_post', {}, authData);
  for (const p of changed.slice(0, 3)) line(`id ${p.id}`, clip(p.title, 50));

  step('Poll “New User” (newest registered first)');
  const newUsers = await operation('triggers', 'new_user', {}, authData);
  for (const u of newUsers.slice(0, 5))
    line(`#${u.id} ${u.username}`, `${u.name} <${u.email}> ${u.roles.join(',')} since ${u.registered_date}`);

  const subscriber = newUsers.find((u) => u.roles.includes('subscriber')) || newUsers[0];
  if (subscriber) {
    step(`Update User #${subscriber.id} (${subscriber.username})`);
    const user = await operation(
      'creates',
      'update_user',
      {
        user_id: String(subscriber.id),
        description: `Synced from the CRM at ${new Date().toISOString()}`,
      },
      authData,
    );
    line('User', `#${user.id} ${user.name} <${user.email}>`);
    line('Description', user.description);
  }
  console.log(`\n${bold('✔ main job finished')}`);
}

main().catch((err) => {
  console.error(`\n✖ ${readable(err)}`);
  process.exit(1);
});
