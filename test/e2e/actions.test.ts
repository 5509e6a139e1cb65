// Actions and searches through Zapier's runtime against the real WordPress (site "main", or the one
// WPJZ_E2E_MAIN names): each as the roles that may and may not run it. Featured images come from a local
// HTTP server started here. Everything created has a unique name per run; seed content is never changed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { createPost } from '../../src/creates/create_post';
import { createUser } from '../../src/creates/create_user';
import { updatePost } from '../../src/creates/update_post';
import { updateUser } from '../../src/creates/update_user';
import { uploadMediaCreate } from '../../src/creates/upload_media';
import type { PostOutput } from '../../src/wordpress/post';
import { findPost } from '../../src/searches/find_post';
import { findUser } from '../../src/searches/find_user';
import type { UserOutput } from '../../src/wordpress/user';
import {
  MAIN,
  caught,
  connect,
  perform,
  recordRequests,
  requireWordPress,
  rest,
  run,
  sites,
  userMessage,
  users,
} from './harness';
import type { UserName } from './harness';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A real PNG of w×h red pixels: WordPress makes its size variants from it. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0xff, 0, 0]))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const IMAGE = png(400, 300);
let server: http.Server;
let files = '';
const served: string[] = [];

beforeAll(async () => {
  await requireWordPress(MAIN);
  server = http.createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.headers.authorization) {
      // The token must never travel to another host.
      res.writeHead(400).end('got an Authorization header');
      return;
    }
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (path === '/photo.png' || path === '/Ünïcödé photo 🚀.png')
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(IMAGE);
    else if (path === '/download')
      res
        .writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="from-header.png"',
        })
        .end(IMAGE);
    else if (path === '/page.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>hi</p>');
    else if (path === '/notes.txt') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('plain notes');
    else if (path === '/tool.exe')
      res.writeHead(200, { 'Content-Type': 'application/x-msdownload' }).end('MZ not really a program');
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  files = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function admin() {
  return connect(MAIN, 'administrator');
}

async function posts(search: string): Promise<Array<{ id: number }>> {
  const { data } = await rest<Array<{ id: number }>>(await admin(), 'wp/v2/posts', {
    query: { search, status: 'any', _fields: 'id' },
  });
  return data;
}

function expectClean(message: string) {
  for (const user of Object.values(users)) expect(message).not.toContain(user.password);
  expect(message).not.toMatch(/undefined|\[object Object\]/);
}

describe('Create Post', () => {
  let created: PostOutput;
  const title = `E2E ${RUN} Ünïcode “quotes” & <em>HTML</em> 🚀`;
  const newCategory = `E2E Cat ${RUN}`;
  const newTag = `E2E Tag ${RUN} 🚀`;

  it('creates a post as an editor with new and existing terms by name and a featured image', async () => {
    created = await run<PostOutput>(
      perform(createPost),
      {
        title,
        content: '<p>Hello <strong>world</strong> &amp; friends</p>\n<!-- wp:paragraph -->',
        excerpt: 'Short & sweet',
        status: 'publish',
        categories: [newCategory, 'news'], // "News" exists (ID 2): reused, case ignored
        tags: [`${newTag}, WordPress`],
        featured_image: `${files}/photo.png`,
        comment_status: 'closed',
        format: 'aside',
        meta: { wpjz_source: `zap ${RUN}` },
      },
      { user: 'editor' },
    );
    expect(created).toMatchObject({
      type: 'post',
      status: 'publish',
      title: `E2E ${RUN} Ünïcode “quotes” & HTML 🚀`,
      format: 'aside',
      comment_status: 'closed',
      author_name: users.editor.display_name,
    });
    expect(created.content_html).toContain('<strong>world</strong>');
    expect(created.category_names.sort()).toEqual([newCategory, 'News'].sort());
    expect(created.categories).toContain(2);
    expect(created.tag_names).toEqual(expect.arrayContaining([newTag, 'WordPress']));
    expect(created.featured_image_id).toBeGreaterThan(0);
    expect(created.featured_image_url).toMatch(/\/photo(-\d+)?\.png$/);
    expect(created.featured_image_sizes.thumbnail).toMatch(/photo(-\d+)?-150x150\.png$/);
    // The image's title and alt text are the post title; meta is stored.
    const media = await rest<{ alt_text: string; title: { raw: string }; mime_type: string }>(
      await admin(),
      `wp/v2/media/${created.featured_image_id}`,
      { query: { context: 'edit' } },
    );
    expect(media.data).toMatchObject({
      alt_text: created.title,
      title: { raw: created.title },
      mime_type: 'image/png',
    });
    const stored = await rest<{ meta: Record<string, string> }>(await admin(), `wp/v2/posts/${created.id}`, {
      query: { context: 'edit', _fields: 'meta' },
    });
    expect(stored.data.meta.wpjz_source).toBe(`zap ${RUN}`);
  });

  it('reuses the terms it created when run again (no duplicates)', async () => {
    const again = await run<PostOutput>(
      perform(createPost),
      { title: `${title} again`, categories: [newCategory], tags: [newTag] },
      { user: 'editor' },
    );
    expect(again.categories).toEqual(created.categories.filter((id) => id !== 2));
    const cats = await rest<Array<{ id: number }>>(await admin(), 'wp/v2/categories', {
      query: { search: `E2E Cat ${RUN}`, _fields: 'id' },
    });
    expect(cats.data).toHaveLength(1);
  });

  it('with ID terms and no image: one request per field to confirm the IDs, then one for the post', async () => {
    const auth = await connect(MAIN, 'editor');
    const { result, requests } = await recordRequests(() =>
      run<PostOutput>(
        perform(createPost),
        { title: `E2E ${RUN} one request`, categories: ['2'], tags: ['6', '7'], status: 'draft' },
        { authData: auth },
      ),
    );
    expect(requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /wp-json/wp/v2/categories',
      'GET /wp-json/wp/v2/tags',
      'POST /wp-json/wp/v2/posts',
    ]);
    expect(result).toMatchObject({
      status: 'draft',
      categories: [2],
      category_names: ['News'],
      tag_names: ['WordPress', 'Zapier'],
    });
  });

  it('schedules a post with a future date (with a time zone), and reads a date without one in site time', async () => {
    const future = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} future`, status: 'publish', date: '2031-05-01T10:00:00Z' },
      { user: 'editor' },
    );
    expect(future).toMatchObject({
      status: 'future',
      date_gmt: '2031-05-01T10:00:00+00:00',
      date: '2031-05-01T12:00:00+02:00',
    });
    const local = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} local`, status: 'draft', date: '2030-01-15 09:30' },
      { user: 'editor' },
    );
    // Europe/Berlin in January: UTC+1.
    expect(local).toMatchObject({ date: '2030-01-15T09:30:00+01:00', date_gmt: '2030-01-15T08:30:00+00:00' });
  });

  it('creates pages and custom post type items', async () => {
    const page = await run<PostOutput>(
      perform(createPost),
      { post_type: 'page', title: `E2E ${RUN} page`, status: 'draft' },
      { user: 'editor' },
    );
    expect(page.type).toBe('page');
    const book = await run<PostOutput>(
      perform(createPost),
      { post_type: 'book', title: `E2E ${RUN} book`, status: 'draft' },
      { user: 'editor' },
    );
    expect(book.type).toBe('book');
    const err = await caught(() =>
      run(perform(createPost), { post_type: 'book', title: `E2E ${RUN} book`, categories: ['2'] }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(/Categories: the post type "book" has no categories \(its taxonomies: genre\)/);
  });

  it('a contributor cannot publish and is told to use Pending Review, which works', async () => {
    const err = await caught(() =>
      run(perform(createPost), { title: `E2E ${RUN} contrib`, status: 'publish' }, { user: 'contributor' }),
    );
    expect(userMessage(err)).toMatch(/Status: .*may not publish.*Pending Review/);
    const pending = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} contrib`, status: 'pending' },
      { user: 'contributor' },
    );
    expect(pending.status).toBe('pending');
  });

  it('a subscriber cannot create posts', async () => {
    const err = await caught(() =>
      run(perform(createPost), { title: `E2E ${RUN} subscriber` }, { user: 'subscriber' }),
    );
    expect(userMessage(err)).toMatch(/not allowed to create posts.*edit_posts.*Contributor/);
  });

  it('an author may use an existing category by name but not create one', async () => {
    const ok = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} author`, categories: ['Tutorials'] },
      { user: 'author' },
    );
    expect(ok.category_names).toEqual(['Tutorials']);
    const err = await caught(() =>
      run(perform(createPost), { title: `E2E ${RUN} author2`, categories: [`Nope ${RUN}`] }, { user: 'author' }),
    );
    expect(userMessage(err)).toMatch(/Categories: the category "Nope .*" does not exist.*manage_categories/);
    expect(await posts(`E2E ${RUN} author2`)).toHaveLength(0);
  });

  it("an author publishes with a featured image, may update their own post but not an editor's", async () => {
    const own = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} by author`, status: 'publish', featured_image: `${files}/photo.png`, tags: ['Zapier'] },
      { user: 'author' },
    );
    expect(own).toMatchObject({ status: 'publish', author_name: users.author.display_name, tag_names: ['Zapier'] });
    expect(own.featured_image_id).toBeGreaterThan(0);
    const updated = await run<PostOutput>(
      perform(updatePost),
      { post_id: own.id, excerpt: 'Updated by its author' },
      { user: 'author' },
    );
    expect(updated.excerpt_text).toBe('Updated by its author');
    const err = await caught(() => run(perform(updatePost), { post_id: created.id, excerpt: 'x' }, { user: 'author' }));
    expect(userMessage(err)).toMatch(/^Post: the WordPress user this connection uses may not edit post \d+/);
  });

  it('an author may not set another user as author', async () => {
    const err = await caught(() =>
      run(perform(createPost), { title: `E2E ${RUN} other`, author: '1' }, { user: 'author' }),
    );
    expect(userMessage(err)).toMatch(/^Author: only Editors and Administrators/);
  });

  it('reports what WordPress silently dropped, an unregistered custom field, as a warning on the created post', async () => {
    const out = await run<PostOutput & { warnings: string[] }>(
      perform(createPost),
      { title: `E2E ${RUN} dropped`, meta: { not_registered: 'x' } },
      { user: 'editor' },
    );
    expect(out.id).toBeGreaterThan(0);
    expect(out.warnings).toEqual([
      expect.stringContaining('"not_registered", because it is not registered for the REST API'),
    ]);
  });

  it('a featured image that cannot be downloaded names the URL and creates nothing', async () => {
    const title404 = `E2E ${RUN} missing image`;
    let err = await caught(() =>
      run(
        perform(createPost),
        { title: title404, featured_image: `${files}/missing.png?sig=secret` },
        { user: 'editor' },
      ),
    );
    expect(userMessage(err)).toBe(
      `Featured Image: could not download ${files}/missing.png: the server answered HTTP 404 (not found). Check that the link is public and points to the file itself.`,
    );
    err = await caught(() =>
      run(perform(createPost), { title: title404, featured_image: `${files}/page.html` }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(/leads to a web page/);
    err = await caught(() =>
      run(perform(createPost), { title: title404, featured_image: 'http://127.0.0.1:9/x.png' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(/^Featured Image: could not download http:\/\/127\.0\.0\.1:9\/x\.png: .*refused/);
    expect(await posts(title404)).toHaveLength(0);
  });

  it('a failed post removes the image it uploaded', async () => {
    const before = await rest<unknown[]>(await admin(), 'wp/v2/media', {
      query: { search: 'photo', per_page: '100', _fields: 'id' },
    });
    const err = await caught(() =>
      run(
        perform(createPost),
        { title: `E2E ${RUN} bad status`, status: 'publish', author: '1', featured_image: `${files}/photo.png` },
        { user: 'author' },
      ),
    );
    expect(userMessage(err)).toMatch(/removed from the media library again/);
    const after = await rest<unknown[]>(await admin(), 'wp/v2/media', {
      query: { search: 'photo', per_page: '100', _fields: 'id' },
    });
    expect(after.data).toHaveLength(before.data.length);
  });

  describe('Update Post and Find Post', () => {
    it('changes only the fields filled in', async () => {
      const updated = await run<PostOutput>(
        perform(updatePost),
        { post_id: String(created.id), title: `${title} (updated)`, content: '', excerpt: '   ', tags: [] },
        { user: 'editor' },
      );
      expect(updated.title).toBe(`${created.title} (updated)`);
      expect(updated.content_html).toBe(created.content_html);
      expect(updated.excerpt_html).toBe(created.excerpt_html);
      expect(updated.categories).toEqual(created.categories);
      expect(updated.tags).toEqual(created.tags);
      expect(updated.featured_image_id).toBe(created.featured_image_id);
    });

    it('replaces the featured image and terms when given', async () => {
      const updated = await run<PostOutput>(
        perform(updatePost),
        { post_id: created.id, featured_image: `${files}/download`, tags: ['Zapier'] },
        { user: 'editor' },
      );
      expect(updated.featured_image_id).not.toBe(created.featured_image_id);
      expect(updated.featured_image_url).toMatch(/from-header(-\d+)?\.png$/);
      expect(updated.tag_names).toEqual(['Zapier']);
    });

    it("refuses a contributor editing someone else's post, and names an unknown ID", async () => {
      let err = await caught(() =>
        run(perform(updatePost), { post_id: created.id, title: 'x' }, { user: 'contributor' }),
      );
      expect(userMessage(err)).toMatch(/^Post: the WordPress user this connection uses may not edit post \d+/);
      err = await caught(() => run(perform(updatePost), { post_id: '987654', title: 'x' }, { user: 'editor' }));
      expect(userMessage(err)).toBe(
        'Post: WordPress has no post with ID 987654 (it may have been deleted, or it is another post type: check Post Type).',
      );
    });

    it('finds the post by ID, slug, exact title and search words; nothing is an empty list', async () => {
      const byId = await run<PostOutput[]>(perform(findPost), { post_id: String(created.id) }, { user: 'editor' });
      expect(byId.map((p) => p.id)).toEqual([created.id]);
      const bySlug = await run<PostOutput[]>(perform(findPost), { slug: created.slug }, { user: 'editor' });
      expect(bySlug.map((p) => p.id)).toEqual([created.id]);
      const byTitle = await run<PostOutput[]>(
        perform(findPost),
        { title: `${created.title.toUpperCase()} (UPDATED)` },
        { user: 'editor' },
      );
      expect(byTitle.map((p) => p.id)).toEqual([created.id]);
      const bySearch = await run<PostOutput[]>(perform(findPost), { search: `E2E ${RUN} Ünïcode` }, { user: 'editor' });
      expect(bySearch.map((p) => p.id)).toContain(created.id);
      // A title that only contains the text is not a match.
      expect(await run(perform(findPost), { title: `E2E ${RUN}` }, { user: 'editor' })).toEqual([]);
      expect(await run(perform(findPost), { post_id: '987654' }, { user: 'editor' })).toEqual([]);
      expect(await run(perform(findPost), { slug: created.slug, status: 'draft' }, { user: 'editor' })).toEqual([]);
    });

    it('finds drafts for a contributor among their own posts, and only published posts for a subscriber', async () => {
      const draft = await run<PostOutput>(
        perform(createPost),
        { title: `E2E ${RUN} draft to find`, status: 'draft' },
        { user: 'editor' },
      );
      expect(
        (await run<PostOutput[]>(perform(findPost), { title: draft.title }, { user: 'editor' })).map((p) => p.id),
      ).toEqual([draft.id]);
      expect(await run(perform(findPost), { title: draft.title }, { user: 'subscriber' })).toEqual([]);
      const published = await run<PostOutput[]>(perform(findPost), { slug: created.slug }, { user: 'subscriber' });
      expect(published.map((p) => p.id)).toEqual([created.id]);
    });
  });
});

describe('Upload Media', () => {
  it('uploads a file with its texts, a non-ASCII file name and attachment to a post', async () => {
    const post = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} for media`, status: 'draft' },
      { user: 'author' },
    );
    const media = await run<Record<string, unknown>>(
      perform(uploadMediaCreate),
      {
        file: `${files}/${encodeURIComponent('Ünïcödé photo 🚀.png')}`,
        title: `Médïa ${RUN} 🚀`,
        alt_text: 'Alt & text',
        caption: 'A <b>caption</b>',
        description: 'Long description',
        post_id: String(post.id),
      },
      { user: 'author' },
    );
    expect(media).toMatchObject({
      title: `Médïa ${RUN} 🚀`,
      alt_text: 'Alt & text',
      caption: 'A caption',
      description: 'Long description',
      mime_type: 'image/png',
      media_type: 'image',
      width: 400,
      height: 300,
      post_id: post.id,
    });
    expect(media.source_url).toMatch(/\/Unicode-photo(-\d+)?\.png$/);
    expect((media.sizes as Record<string, string>).thumbnail).toMatch(/-150x150\.png$/);
  });

  it('a contributor may not upload; a disallowed file type is named', async () => {
    let err = await caught(() =>
      run(perform(uploadMediaCreate), { file: `${files}/photo.png` }, { user: 'contributor' }),
    );
    expect(userMessage(err)).toMatch(/not allowed to upload files to the media library.*upload_files/);
    err = await caught(() => run(perform(uploadMediaCreate), { file: 'not a url' }, { user: 'author' }));
    expect(userMessage(err)).toMatch(/^File: "not a url" is not a URL/);
    // text/plain is allowed by WordPress by default: the file name keeps its extension.
    const txt = await run<Record<string, unknown>>(
      perform(uploadMediaCreate),
      { file: `${files}/notes.txt` },
      { user: 'author' },
    );
    expect(txt.mime_type).toBe('text/plain');
    err = await caught(() => run(perform(uploadMediaCreate), { file: `${files}/tool.exe` }, { user: 'author' }));
    expect(userMessage(err)).toBe(
      `WordPress refused the file tool.exe (application/x-msdownload) from ${files}/tool.exe: this file type is not allowed on the site, or the uploads folder is not writable. WordPress said: "Sorry, you are not allowed to upload this file type". Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`,
    );
  });
});

describe('Users', () => {
  const username = `e2e_${RUN}`;
  const email = `e2e.${RUN}@example.com`;
  const password = `E2E-pass-${RUN}-✓`;
  let created: UserOutput;

  it('creates a user as an administrator, with names, roles and a password that works', async () => {
    created = await run<UserOutput>(perform(createUser), {
      username,
      email,
      password,
      first_name: 'Zoë',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      url: 'zoe.example.org',
      description: 'Gärtnerin & Bäckerin',
      roles: ['author'],
    });
    expect(created).toMatchObject({
      username,
      email,
      first_name: 'Zoë',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      url: 'https://zoe.example.org',
      roles: ['author'],
      description: 'Gärtnerin & Bäckerin',
    });
    expect(JSON.stringify(created)).not.toContain(password);
    const login = await fetch(`${sites[MAIN].url}/wp-json/jwt-auth/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
  });

  it('generates a password when none is given, and does not show it', async () => {
    const user = await run<UserOutput>(perform(createUser), { username: `${username}_gen`, email: `gen.${email}` });
    expect(user.roles).toEqual(['subscriber']);
    expect(Object.keys(user)).not.toContain('password');
  });

  it("says a duplicate username or email is the input's fault", async () => {
    let err = await caught(() => run(perform(createUser), { username, email: `other.${email}`, password }));
    expect(userMessage(err)).toBe(
      `Username: a WordPress user named "${username}" already exists. Choose another username, or use Find or Create User to reuse the existing one.`,
    );
    err = await caught(() =>
      run(perform(createUser), { username: `${username}_2`, email: email.toUpperCase(), password }),
    );
    expect(userMessage(err)).toMatch(/^Email: .* already belongs to another WordPress user/);
    err = await caught(() => run(perform(createUser), { username: `${username} ñ 🚀`, email: `x.${email}`, password }));
    expect(userMessage(err)).toMatch(
      /Username \(username\): This username is invalid because it uses illegal characters/,
    );
    expectClean(userMessage(err));
  });

  it.each<[UserName, RegExp]>([
    ['editor', /not allowed to create users.*create_users.*Administrator/],
    ['author', /not allowed to create users/],
  ])('refuses Create User as %s', async (role, expected) => {
    const err = await caught(() =>
      run(
        perform(createUser),
        { username: `${username}_${role}`, email: `${role}.${email}`, password },
        { user: role },
      ),
    );
    expect(userMessage(err)).toMatch(expected);
    expectClean(userMessage(err));
  });

  it('updates only the fields filled in, and roles', async () => {
    const updated = await run<UserOutput>(perform(updateUser), {
      user_id: String(created.id),
      first_name: 'Zoé',
      last_name: '',
      roles: ['editor'],
    });
    expect(updated).toMatchObject({
      first_name: 'Zoé',
      last_name: "O'Brien-Nørgaard",
      name: 'Zoë 🚀',
      email,
      roles: ['editor'],
    });
  });

  it('refuses an editor editing an administrator, an author changing roles, an unknown user, a taken email', async () => {
    let err = await caught(() => run(perform(updateUser), { user_id: '1', first_name: 'x' }, { user: 'editor' }));
    expect(userMessage(err)).toMatch(/not allowed to edit user 1.*edit_users/);
    const me = await connect(MAIN, 'author');
    const self = await rest<{ id: number }>(me, 'wp/v2/users/me', { query: { _fields: 'id' } });
    err = await caught(() =>
      run(perform(updateUser), { user_id: self.data.id, roles: ['editor'] }, { user: 'author' }),
    );
    expect(userMessage(err)).toMatch(/not allowed to change user roles.*promote_users.*Or leave Roles empty/);
    err = await caught(() => run(perform(updateUser), { user_id: '987654', first_name: 'x' }));
    expect(userMessage(err)).toMatch(/^User: WordPress has no user with ID 987654/);
    err = await caught(() => run(perform(updateUser), { user_id: created.id, email: users.editor.email }));
    expect(userMessage(err)).toMatch(
      /^Email: WordPress refused edith\.editor@example\.com: .*another user already has it/,
    );
  });

  it('finds users by exact email (any case), exact username and search text; a partial email finds nobody', async () => {
    const byEmail = await run<UserOutput[]>(perform(findUser), { email: email.toUpperCase() });
    expect(byEmail.map((u) => u.id)).toEqual([created.id]);
    expect(await run(perform(findUser), { email: email.replace('@example.com', '@example.co') })).toEqual([]);
    expect(await run(perform(findUser), { email: email.slice(1) })).toEqual([]);
    const byUsername = await run<UserOutput[]>(perform(findUser), { username });
    expect(byUsername.map((u) => u.id)).toEqual([created.id]);
    const bySearch = await run<UserOutput[]>(perform(findUser), { search: RUN });
    expect(bySearch.map((u) => u.id)).toContain(created.id);
  });

  it('an author may update their own profile', async () => {
    const me = await connect(MAIN, 'author');
    const self = await rest<{ id: number }>(me, 'wp/v2/users/me', { query: { _fields: 'id' } });
    const updated = await run<UserOutput>(
      perform(updateUser),
      { user_id: self.data.id, description: `Bio ${RUN}` },
      { user: 'author' },
    );
    expect(updated.description).toBe(`Bio ${RUN}`);
  });

  it('Find User needs an administrator', async () => {
    const err = await caught(() => run(perform(findUser), { email }, { user: 'editor' }));
    expect(userMessage(err)).toMatch(/not allowed to look up users by email or username.*list_users.*Administrator/);
  });
});

describe('a plain-permalink site in a sub-folder (?rest_route=)', () => {
  beforeAll(async () => {
    await requireWordPress('plain');
  });

  it('creates a post with a new category by name and an image, finds it and updates it', async () => {
    const name = `Plain Cat ${RUN}`;
    const post = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} plain`, status: 'publish', categories: [name], featured_image: `${files}/photo.png` },
      { site: 'plain', user: 'editor' },
    );
    expect(post.category_names).toEqual([name]);
    expect(post.featured_image_url).toMatch(/^http:\/\/127\.0\.0\.1:8082\/blog\/wp-content\/uploads\//);
    const found = await run<PostOutput[]>(perform(findPost), { slug: post.slug }, { site: 'plain', user: 'editor' });
    expect(found.map((p) => p.id)).toEqual([post.id]);
    const updated = await run<PostOutput>(
      perform(updatePost),
      { post_id: post.id, title: `E2E ${RUN} plain (updated)` },
      { site: 'plain', user: 'editor' },
    );
    expect(updated).toMatchObject({ title: `E2E ${RUN} plain (updated)`, category_names: [name] });
  });
});
