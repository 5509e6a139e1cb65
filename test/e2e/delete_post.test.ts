// Delete Post against the real WordPress 6.1 of the bench (site "main"): to the trash and back as a
// repeat, for good, a custom type's item, an ID that does not exist, and an Author refused an
// Editor's post. Everything made here carries a per-run stamp and is deleted afterwards.
import type { DeletedPost } from '../../src/creates/delete_post';
import { deletePost } from '../../src/creates/delete_post';
import { FaultProxy, throughProxy } from './fault-proxy';
import { caught, connect, perform, recordRequests, requireWordPress, rest, run, sites, userMessage } from './harness';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const made = new Map<number, string>();

async function admin() {
  return connect('main', 'administrator');
}

/** A post of `route` made beside the app, as the editor, published. */
async function arrange(route: 'posts' | 'books', title: string): Promise<number> {
  const auth = await connect('main', 'editor');
  const { status, data } = await rest<{ id: number }>(auth, `wp/v2/${route}`, {
    method: 'POST',
    body: { title: `${title} ${RUN}`, status: 'publish' },
  });
  expect(status).toBe(201);
  made.set(data.id, route);
  return data.id;
}

beforeAll(async () => {
  await requireWordPress('main');
});

afterAll(async () => {
  const auth = await admin();
  for (const [id, route] of made)
    await rest(auth, `wp/v2/${route}/${id}`, { method: 'DELETE', query: { force: 'true' } });
});

describe('Delete Post', () => {
  it('moves a post to the trash; run again, it succeeds with a warning', async () => {
    const id = await arrange('posts', 'Trash me');
    await connect('main', 'editor');
    const { result: first, requests } = await recordRequests(() =>
      run<DeletedPost>(perform(deletePost), { post_id: String(id) }, { user: 'editor' }),
    );
    // One request on the wire: posts need no type lookup, and the answer is the output.
    expect(requests.map((r) => r.method)).toEqual(['DELETE']);
    expect(first).toMatchObject({ id, type: 'post', title: `Trash me ${RUN}`, status: 'trash', warnings: [] });
    expect(first.deleted_permanently).toBe(false);
    const { data } = await rest<{ status: string }>(await admin(), `wp/v2/posts/${id}`, { query: { context: 'edit' } });
    expect(data.status).toBe('trash');

    const again = await run<DeletedPost>(perform(deletePost), { post_id: id }, { user: 'editor' });
    expect(again).toMatchObject({
      id,
      status: 'trash',
      warnings: [`Post: post ${id} was already in the trash; nothing was changed.`],
    });
  });

  it('deletes a book for good with Delete Permanently', async () => {
    const id = await arrange('books', 'Delete me for good');
    const out = await run<DeletedPost>(
      perform(deletePost),
      { post_type: 'book', post_id: id, force: 'true' },
      { user: 'editor' },
    );
    expect(out).toMatchObject({
      id,
      type: 'book',
      title: `Delete me for good ${RUN}`,
      status: 'deleted',
      deleted_permanently: true,
      link: null,
      warnings: [],
    });
    const { status } = await rest(await admin(), `wp/v2/books/${id}`, { query: { context: 'edit' } });
    expect(status).toBe(404);
    made.delete(id);
  });

  it('an ID that does not exist is named; an Author may not delete an Editor’s post', async () => {
    const missing = await caught(() => run(perform(deletePost), { post_id: 987654321 }, { user: 'editor' }));
    expect(userMessage(missing)).toBe(
      'Post: WordPress has no post 987654321 (it may have been deleted for good already, or it is another post type: check Post Type).',
    );
    const id = await arrange('posts', 'Not yours');
    const refused = await caught(() => run(perform(deletePost), { post_id: id }, { user: 'author' }));
    expect(userMessage(refused)).toMatch(
      new RegExp(`^The WordPress user this connection uses is not allowed to delete post ${id}\\.`),
    );
    const { data } = await rest<{ status: string }>(await admin(), `wp/v2/posts/${id}`, { query: { context: 'edit' } });
    expect(data.status).toBe('publish');
  });
});

describe('a delete whose answer is lost is settled by reading the item back (through the fault proxy)', () => {
  const proxy = new FaultProxy(sites.main.url);
  let viaProxy: Record<string, string>;

  beforeAll(async () => {
    viaProxy = throughProxy(await connect('main', 'editor'), await proxy.start());
  });
  afterAll(() => proxy.close());

  it('WordPress trashed it and the answer was lost: the step succeeds, and sent the delete once', async () => {
    const id = await arrange('posts', 'Lost answer');
    proxy.inject(new RegExp(`DELETE /wp-json/wp/v2/posts/${id}`), { kind: 'reset-after' });
    const out = await run<DeletedPost>(perform(deletePost), { post_id: id }, { authData: viaProxy });
    expect(out).toMatchObject({
      id,
      status: 'trash',
      title: `Lost answer ${RUN}`,
      warnings: [
        expect.stringMatching(
          new RegExp(`^WordPress's answer was lost \\(.+\\), so Zapier read post ${id} back: it is in the trash\\.$`),
        ),
      ],
    });
    expect(proxy.seen.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('a 502 before WordPress saw it: the item is still there, and the message says the step can run again', async () => {
    const id = await arrange('posts', 'Gateway');
    proxy.inject(new RegExp(`DELETE /wp-json/wp/v2/posts/${id}`), { kind: 'status', status: 502, body: 'Bad Gateway' });
    const err = await caught(() => run(perform(deletePost), { post_id: id, force: 'yes' }, { authData: viaProxy }));
    expect(userMessage(err)).toBe(
      `The answer to this step was lost: the site answered HTTP 502 instead of WordPress's answer. Zapier read post ${id} back, and Status ("publish") does not have the new value: WordPress did not apply the change. Running the step again is safe (a delete run again finds the item in the trash or gone, and changes nothing more).`,
    );
    const { status } = await rest(await admin(), `wp/v2/posts/${id}`);
    expect(status).toBe(200);
  });
});
