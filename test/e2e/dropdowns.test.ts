// The dropdowns against the real WordPress 6.1 of the bench: whole category paths (ancestors on
// another page fetched level by level), statuses in WordPress's admin words, media's own statuses,
// and Upload Media's Attach to Post listing every type the user may edit. Everything made here
// carries a per-run stamp and is deleted afterwards.
import app from '../../index';
import { UserName, connect, recordRequests, requireWordPress, rest, run, uploadPng } from './harness';

jest.setTimeout(120_000);

type Item = Record<string, unknown>;
const STAMP = `${Date.now().toString(36)}`;

/** A dropdown's page as Zapier asks for it, as a connected user (the administrator unless said). */
const dropdown = (key: string, input: Item = {}, options: { user?: UserName; meta?: Item } = {}) =>
  run<Item[]>((app.triggers![key].operation as { perform: unknown }).perform as never, input, options);

const admin = () => connect('main', 'administrator');

type Made = { id: number };

/** Up to 25 writes in one request (WordPress's batch limit); throws unless every one succeeded. */
async function batch(requests: Array<{ method: 'POST' | 'DELETE'; path: string; body?: Item }>): Promise<Made[]> {
  const made: Made[] = [];
  for (let i = 0; i < requests.length; i += 25) {
    const res = await rest<{ responses: Array<{ status: number; body: Made & { previous?: Made } }> }>(
      await admin(),
      'batch/v1',
      { method: 'POST', body: { requests: requests.slice(i, i + 25) } },
    );
    const failed = res.data.responses?.find((r) => r.status >= 300);
    if (res.status !== 207 && res.status !== 200) throw new Error(`batch → ${res.status}: ${JSON.stringify(res.data)}`);
    if (failed) throw new Error(`batch item → ${failed.status}: ${JSON.stringify(failed.body)}`);
    made.push(...res.data.responses.map((r) => r.body));
  }
  return made;
}

async function create(route: string, body: Item): Promise<Made> {
  const res = await rest<Made>(await admin(), route, { method: 'POST', body });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`POST ${route} → ${res.status}: ${JSON.stringify(res.data)}`);
  return res.data;
}

/** Deletes for good (media and posts of other types do not take batch requests). */
async function deleteAll(route: string, items: Made[]): Promise<void> {
  const auth = await admin();
  for (const item of items)
    await rest(auth, `wp/v2/${route}/${item.id}`, { method: 'DELETE', query: { force: 'true' } });
}

beforeAll(async () => {
  await requireWordPress('main');
});

describe('category paths', () => {
  // News › Tutorials › Advanced and News › Guides › Advanced. The names sort the two leaves onto the
  // first page and their ancestors behind 100 fillers onto the second ("Zy…" and "Zz…" come after
  // every category the other tests read on the first page), so the paths need `include=` requests.
  const name = (text: string) => `${text} ${STAMP}`;
  const made: Made[] = [];
  let news: Made, tutorials: Made, guides: Made, advanced1: Made, advanced2: Made;

  beforeAll(async () => {
    news = await create('wp/v2/categories', { name: name('Zz News') });
    made.push(news);
    [tutorials, guides] = await batch([
      { method: 'POST', path: '/wp/v2/categories', body: { name: name('Zz Tutorials'), parent: news.id } },
      { method: 'POST', path: '/wp/v2/categories', body: { name: name('Zz Guides'), parent: news.id } },
    ]);
    made.push(tutorials, guides);
    [advanced1, advanced2] = await batch([
      { method: 'POST', path: '/wp/v2/categories', body: { name: name('Advanced'), parent: tutorials.id } },
      { method: 'POST', path: '/wp/v2/categories', body: { name: name('Advanced'), parent: guides.id } },
    ]);
    made.push(advanced1, advanced2);
    const fillers = Array.from({ length: 100 }, (_, i) => ({
      method: 'POST' as const,
      path: '/wp/v2/categories',
      body: { name: `${name('Zy filler')} ${String(i).padStart(3, '0')}` },
    }));
    made.push(...(await batch(fillers)));
  });

  afterAll(async () => {
    await batch(made.map((item) => ({ method: 'DELETE', path: `/wp/v2/categories/${item.id}?force=true` })));
  });

  it('two children named alike show their whole, different paths, ancestors fetched from another page', async () => {
    await admin(); // the login is not part of the dropdown
    const { result, requests } = await recordRequests(() => dropdown('category_list'));
    // Same-named categories come in no set order.
    const mine = result.filter((c) => c.id === advanced1.id || c.id === advanced2.id);
    expect(mine.sort((a, b) => Number(a.id) - Number(b.id))).toEqual([
      expect.objectContaining({
        id: advanced1.id,
        name: `${name('Zz News')} › ${name('Zz Tutorials')} › ${name('Advanced')}`,
      }),
      expect.objectContaining({
        id: advanced2.id,
        name: `${name('Zz News')} › ${name('Zz Guides')} › ${name('Advanced')}`,
      }),
    ]);
    // The page, then one include= per missing level: the parents, then the grandparent.
    expect(requests).toHaveLength(3);
    const includes = requests
      .slice(1)
      .map((r) => (new URL(r.path, 'http://x').searchParams.get('include') ?? '').split(',').map(Number).sort());
    expect(includes).toEqual([[tutorials.id, guides.id].sort(), [news.id]]);
    expect(result.map((c) => c.id)).not.toContain(news.id);
  });

  it('a page that holds the ancestors asks nothing more', async () => {
    await admin();
    const { result, requests } = await recordRequests(() => dropdown('category_list', {}, { meta: { page: 1 } }));
    expect(result.filter((c) => [news.id, tutorials.id, guides.id].includes(c.id as number))).toEqual([
      expect.objectContaining({ id: guides.id, name: `${name('Zz News')} › ${name('Zz Guides')}` }),
      expect.objectContaining({ id: news.id, name: name('Zz News') }),
      expect.objectContaining({ id: tutorials.id, name: `${name('Zz News')} › ${name('Zz Tutorials')}` }),
    ]);
    expect(requests).toHaveLength(1);
  });
});

describe('Post dropdown (Update Post)', () => {
  const made: Made[] = [];

  beforeAll(async () => {
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 19);
    made.push(
      await create('wp/v2/posts', { title: `E2E ${STAMP} scheduled`, status: 'future', date_gmt: nextYear }),
      await create('wp/v2/posts', { title: `E2E ${STAMP} pending`, status: 'pending' }),
    );
  });

  afterAll(async () => {
    await deleteAll('posts', made);
  });

  it('names statuses as WordPress’s admin does: Scheduled, Pending Review', async () => {
    const posts = await dropdown('post_list');
    expect(posts.find((p) => p.id === made[0].id)).toEqual({
      id: made[0].id,
      name: `E2E ${STAMP} scheduled (Scheduled)`,
      status: 'future',
      type: 'post',
    });
    expect(posts.find((p) => p.id === made[1].id)?.name).toBe(`E2E ${STAMP} pending (Pending Review)`);
  });
});

describe('media in the Post dropdown', () => {
  const made: Made[] = [];

  beforeAll(async () => {
    const auth = await admin();
    const shared: Made = { id: await uploadPng(auth, `e2e-${STAMP}-shared`) };
    const hidden: Made = { id: await uploadPng(auth, `e2e-${STAMP}-private`) };
    await create(`wp/v2/media/${hidden.id}`, { status: 'private' });
    made.push(shared, hidden);
  });

  afterAll(async () => {
    await deleteAll('media', made);
  });

  it('WordPress refuses `any` for media: the dropdown must not send it', async () => {
    const res = await rest<{ code: string }>(await admin(), 'wp/v2/media', { query: { status: 'any' } });
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('rest_invalid_param');
  });

  it('lists media with its own statuses: an ordinary item unmarked, a private one marked', async () => {
    const media = await dropdown('post_list', { post_type: 'attachment' });
    const mine = media.filter((m) => made.some((item) => item.id === m.id));
    expect(mine.sort((a, b) => Number(a.id) - Number(b.id))).toEqual([
      { id: made[0].id, name: `e2e-${STAMP}-shared`, status: 'inherit', type: 'attachment' },
      { id: made[1].id, name: `e2e-${STAMP}-private (Private)`, status: 'private', type: 'attachment' },
    ]);
  });

  it('a subscriber, who may not read private media, gets the rest instead of an error', async () => {
    const ids = (await dropdown('post_list', { post_type: 'attachment' }, { user: 'subscriber' })).map((m) => m.id);
    expect(ids).toContain(made[0].id);
    expect(ids).not.toContain(made[1].id);
  });
});

describe('Attach to Post (Upload Media): every type the user may edit', () => {
  const made: Array<Made & { route: string }> = [];

  beforeAll(async () => {
    made.push({ ...(await create('wp/v2/pages', { title: `E2E ${STAMP} page`, status: 'draft' })), route: 'pages' });
    made.push({ ...(await create('wp/v2/books', { title: `E2E ${STAMP} book`, status: 'publish' })), route: 'books' });
  });

  afterAll(async () => {
    for (const item of made) await deleteAll(item.route, [item]);
  });

  it('pages and custom post type items beside posts, each named with its type; no media', async () => {
    await admin();
    const { result, requests } = await recordRequests(() => dropdown('any_post_list'));
    const names = result.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([`E2E ${STAMP} page (Page, Draft)`, `E2E ${STAMP} book (Book)`]));
    expect(new Set(result.map((p) => p.type))).toEqual(new Set(['post', 'page', 'book']));
    // The types, then posts, pages and books at once.
    expect(requests).toHaveLength(4);
  });

  it('an author, who may not edit pages, is not offered them', async () => {
    const types = new Set((await dropdown('any_post_list', {}, { user: 'author' })).map((p) => p.type));
    expect(types.has('page')).toBe(false);
    expect(types.has('post')).toBe(true);
  });

  it('a subscriber, who may edit nothing, gets an empty list', async () => {
    await expect(dropdown('any_post_list', {}, { user: 'subscriber' })).resolves.toEqual([]);
  });
});
