// The app's main job against WordPress 6.8 (bench site `wp68`: Debian 13's package, the seed JWT
// plugin, the companion plugin): connect, each polling trigger, the writes and the search, with exact
// results; and where 6.8 answers otherwise than the 6.1 of the other sites (docs/wordpress.md §12).
// post_changes and id_polls run here too with WPJZ_E2E_MAIN=wp68.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { connectionLabel, testConnection } from '../../src/connection/authentication';
import { createPost } from '../../src/creates/create_post';
import { createUser } from '../../src/creates/create_user';
import { updatePost } from '../../src/creates/update_post';
import { uploadMediaCreate } from '../../src/creates/upload_media';
import { findPost } from '../../src/searches/find_post';
import type { PostOutput } from '../../src/wordpress/post';
import type { UserOutput } from '../../src/wordpress/user';
import {
  app,
  appTester,
  caught,
  connect,
  perform,
  requireWordPress,
  rest,
  run,
  sites,
  userMessage,
  users,
} from './harness';
import type { RunOptions, UserName } from './harness';

jest.setTimeout(120_000);

const SITE = 'wp68' as const;
const RUN = `wp68${Date.now().toString(36)}`;
type Item = Record<string, unknown> & { id: number | string };

/** A PNG of w×h grey pixels (zlib rows), as a camera or an editor would give it. */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    let c = ~0;
    for (const byte of out.subarray(4, 8 + data.length)) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    out.writeUInt32BE(~c >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 24-bit BMP: an image type GD reads but WordPress's GD editor does not resize. */
function bmp(): Buffer {
  const out = Buffer.alloc(58);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(58, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(1, 18);
  out.writeInt32LE(1, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(4, 34);
  return out;
}

let server: http.Server;
let files = '';
beforeAll(async () => {
  await requireWordPress(SITE);
  server = http.createServer((req, res) => {
    if (req.url === '/photo.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png(400, 300));
    else if (req.url === '/scan.bmp') res.writeHead(200, { 'Content-Type': 'image/bmp' }).end(bmp());
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  files = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const on = (user: UserName = 'administrator'): RunOptions => ({ site: SITE, user });
const trigger = (key: string) => perform(app.triggers![key] as never);
/** A Zap on a polling trigger: turned on (what exists never fires), then polled; what fired, by ID. */
async function zapOn(key: string, input: Record<string, unknown> = {}) {
  const seen = new Set<string>();
  const turnedOn = await run<Item[]>(trigger(key), input, { ...on(), meta: { isPopulatingDedupe: true } });
  for (const item of turnedOn) seen.add(String(item.id));
  return async (): Promise<Item[]> => {
    const items = await run<Item[]>(trigger(key), input, on());
    const fired = items.filter((item) => !seen.has(String(item.id)));
    for (const item of fired) seen.add(String(item.id));
    return fired;
  };
}

describe('the wp68 site', () => {
  it('runs WordPress 6.8 (its feed names the version)', async () => {
    const feed = await (await fetch(`${sites[SITE].url}/feed/`)).text();
    expect(feed).toMatch(/<generator>https:\/\/wordpress\.org\/\?v=6\.8\.\d+<\/generator>/);
  });

  it.each<UserName>(['administrator', 'author'])('connects as %s, tests and labels the connection', async (role) => {
    const auth = await connect(SITE, role, true);
    expect(auth.rest_root).toBe(sites[SITE].rest_root);
    const result = (await appTester(testConnection, { authData: auth })) as unknown as Record<string, unknown>;
    expect(result).toMatchObject({ username: users[role].username, roles: [users[role].role] });
    const label = connectionLabel.replace(/{{(\w+)}}/g, (_m, key: string) => String(result[key]));
    // The site runs the companion plugin: the label names it, as on `companion`.
    expect(label).toBe(`${users[role].display_name} @ 127.0.0.1:8090 · Companion 1.0.0`);
  });
});

describe('posts on 6.8', () => {
  let created: PostOutput;

  it('Create Post as an editor: a sticky post in News, with a featured image; New Post and New or Updated Post fire it once', async () => {
    const newPost = await zapOn('new_post');
    const newOrUpdated = await zapOn('new_or_updated_post');
    created = await run<PostOutput>(
      perform(createPost),
      {
        title: `${RUN} Grüße & “quotes” 🚀`,
        content: '<p>Hello <strong>6.8</strong></p>',
        status: 'publish',
        categories: ['news'],
        sticky: 'yes',
        featured_image: `${files}/photo.png`,
      },
      on('editor'),
    );
    expect(created).toMatchObject({
      type: 'post',
      status: 'publish',
      title: `${RUN} Grüße & “quotes” 🚀`,
      sticky: true,
      category_names: ['News'],
      author_name: users.editor.display_name,
    });
    expect(created.featured_image_sizes.thumbnail).toMatch(/photo(-\d+)?-150x150\.png$/);
    expect((await newPost()).map((item) => item.post_id)).toEqual([created.id]);
    expect((await newOrUpdated()).map((item) => item.post_id)).toEqual([created.id]);
    expect(await newPost()).toEqual([]);
  });

  it('Update Post changes the title; New or Updated Post fires the change once; Find Post finds it', async () => {
    const newOrUpdated = await zapOn('new_or_updated_post');
    // modified_gmt has one-second steps: the change must not share the creation's second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const updated = await run<PostOutput>(
      perform(updatePost),
      { post_id: String(created.id), title: `${RUN} updated` },
      on('editor'),
    );
    expect(updated).toMatchObject({ id: created.id, title: `${RUN} updated`, sticky: true, status: 'publish' });
    const fired = await newOrUpdated();
    expect(fired.map((item) => [item.post_id, item.title])).toEqual([[created.id, `${RUN} updated`]]);
    const found = await run<PostOutput[]>(perform(findPost), { title: `${RUN} updated` }, on('editor'));
    expect(found.map((post) => post.id)).toEqual([created.id]);
  });

  it('6.8: an Author may no longer make a post sticky (6.1 let anyone who may publish); nothing is created', async () => {
    const title = `${RUN} author sticky`;
    const err = await caught(() => run(perform(createPost), { title, status: 'publish', sticky: 'yes' }, on('author')));
    expect(userMessage(err)).toMatch(/not allowed to make posts sticky: WordPress requires the "edit_others_posts"/);
    const found = await run<PostOutput[]>(perform(findPost), { title, status: 'any' }, on('administrator'));
    expect(found).toEqual([]);
    // Not sticky: the Author publishes as before.
    const plain = await run<PostOutput>(perform(createPost), { title, status: 'publish' }, on('author'));
    expect(plain).toMatchObject({ title, sticky: false, status: 'publish', author_name: users.author.display_name });
  });
});

describe('users, comments and media on 6.8', () => {
  it('Create User as an administrator; New User fires it once', async () => {
    const newUser = await zapOn('new_user');
    const username = `${RUN}_user`;
    const user = await run<UserOutput>(
      perform(createUser),
      { username, email: `${username}@example.com`, password: `Pw-${RUN}-✓`, first_name: 'Zoë', roles: ['author'] },
      on(),
    );
    expect(user).toMatchObject({ username, email: `${username}@example.com`, first_name: 'Zoë', roles: ['author'] });
    const fired = await newUser();
    expect(fired.map((item) => [item.id, item.username])).toEqual([[user.id, username]]);
  });

  it('Create Comment on a post; New Comment fires it once, with the post title', async () => {
    const newComment = await zapOn('new_comment');
    const auth = await connect(SITE, 'administrator');
    const post = await rest<{ id: number }>(auth, 'wp/v2/posts', {
      method: 'POST',
      body: { title: `${RUN} comments`, status: 'publish' },
    });
    const comment = await run<Item>(
      app.creates!.create_comment.operation.perform as never,
      { post: post.data.id, content: `<p>Nice &amp; ${RUN}</p>` },
      on(),
    );
    expect(comment).toMatchObject({
      post_id: post.data.id,
      post_title: `${RUN} comments`,
      author_name: 'Ada Admin',
      content_text: `Nice & ${RUN}`,
      status: 'approved',
      warnings: [],
    });
    const fired = await newComment();
    expect(fired.map((item) => [item.id, item.post_id])).toEqual([[comment.id, post.data.id]]);
  });

  it('Upload Media of a PNG; New Media fires it once with its sizes', async () => {
    const newMedia = await zapOn('new_media');
    const media = await run<Item>(
      perform(uploadMediaCreate),
      { file: `${files}/photo.png`, title: `${RUN} photo`, alt_text: 'Alt & text' },
      on('author'),
    );
    expect(media).toMatchObject({
      title: `${RUN} photo`,
      alt_text: 'Alt & text',
      mime_type: 'image/png',
      media_type: 'image',
      width: 400,
      height: 300,
    });
    const fired = await newMedia();
    expect(fired.map((item) => [item.id, item.title])).toEqual([[media.id, `${RUN} photo`]]);
    expect((fired[0].sizes as Record<string, string>).thumbnail).toMatch(/-150x150\.png$/);
  });

  it('6.8: a BMP is refused before upload (GD cannot resize it; 6.1 stored it), in words that say to convert it', async () => {
    const err = await caught(() =>
      run(perform(uploadMediaCreate), { file: `${files}/scan.bmp`, title: `${RUN} scan` }, on('author')),
    );
    expect(userMessage(err)).toMatch(
      /^The site's web server cannot make the resized copies WordPress needs of scan\.bmp \(image\/bmp\) .* refused it\. .*Convert the image to JPEG, PNG or WebP/,
    );
    const auth = await connect(SITE, 'administrator');
    const left = await rest<unknown[]>(auth, 'wp/v2/media', { query: { search: `${RUN} scan` } });
    expect(left.data).toEqual([]);
  });
});
