// Find or Create as Zapier runs it (the search; the create only when the search found nothing),
// against the real WordPress 6.1 of the bench (site "main"): titles WordPress texturizes, category
// names made of digits or holding commas, usernames with an "@". Everything made here carries a
// per-run stamp and is deleted afterwards; seed content is only read.
import { createPost } from '../../src/creates/create_post';
import { createUser } from '../../src/creates/create_user';
import type { PostOutput } from '../../src/wordpress/post';
import { findPost } from '../../src/searches/find_post';
import { findUser } from '../../src/searches/find_user';
import type { UserOutput } from '../../src/wordpress/user';
import { connect, perform, requireWordPress, rest, run } from './harness';
import type { UserName } from './harness';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const ids = (items: Array<{ id: number }>) => items.map((item) => item.id);

const made = {
  posts: new Set<number>(),
  categories: new Set<number>(),
  tags: new Set<number>(),
  users: new Set<number>(),
};

async function admin() {
  return connect('main', 'administrator');
}

beforeAll(async () => {
  await requireWordPress('main');
});

afterAll(async () => {
  const auth = await admin();
  for (const id of made.posts) await rest(auth, `wp/v2/posts/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const taxonomy of ['categories', 'tags'] as const) {
    for (const id of made[taxonomy]) {
      await rest(auth, `wp/v2/${taxonomy}/${id}`, { method: 'DELETE', query: { force: 'true' } });
    }
  }
  for (const id of made.users) {
    await rest(auth, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  }
});

/** Zapier's Find or Create Post: Find Post by the title; Create Post only when nothing was found. */
async function findOrCreatePost(
  input: Record<string, unknown> & { title: string },
  user: UserName,
): Promise<{ post: PostOutput; created: boolean }> {
  const found = await run<PostOutput[]>(perform(findPost), { title: input.title }, { user });
  if (found[0]) return { post: found[0], created: false };
  const post = await run<PostOutput>(perform(createPost), { status: 'publish', ...input }, { user });
  made.posts.add(post.id);
  for (const id of post.categories) made.categories.add(id);
  for (const id of post.tags) made.tags.add(id);
  return { post, created: true };
}

/** Every post, of any status, whose title holds this stamp. */
async function postsStamped(stamp: string): Promise<number[]> {
  const { data } = await rest<Array<{ id: number; title: { raw: string } }>>(await admin(), 'wp/v2/posts', {
    query: { search: stamp, status: 'any', context: 'edit', per_page: '100', _fields: 'id,title' },
  });
  return ids(data.filter((post) => post.title.raw.split(' ')[0] === stamp));
}

describe('Find or Create Post: titles WordPress rewrites on display', () => {
  // Each as typed, and what WordPress 6.1 shows for it in `title.rendered` (checked on the bench).
  const cases: Array<[string, string, UserName, boolean?]> = [
    [`Don't "miss" it -- now...`, 'Don&#8217;t &#8220;miss&#8221; it &#8212; now&#8230;', 'editor'],
    ['en--dash', 'en&#8211;dash', 'editor'],
    ['em---dash', 'em&#8212;dash', 'editor'],
    ['four----dashes', 'four&#8212;-dashes', 'editor'],
    ['spaced - hyphen', 'spaced &#8211; hyphen', 'editor'],
    ['Widget (tm)', 'Widget &#8482;', 'editor'],
    ['Board 1x2 and 10x20', 'Board 1&#215;2 and 10&#215;20', 'editor'],
    [`5' 6" tall`, '5&#8242; 6&#8243; tall', 'editor'],
    [`'single' "double" quotes`, '&#8216;single&#8217; &#8220;double&#8221; quotes', 'editor'],
    [`back in the '90s`, 'back in the &#8217;90s', 'editor'],
    ["``TeX'' quotes", '&#8220;TeX&#8221; quotes', 'editor'],
    ['Fish & Chips', 'Fish &#038; Chips', 'editor'],
    // An author's title is filtered on save: "&" and "<" are stored as entities.
    ['Less < more & then some', 'Less &lt; more &amp; then some', 'author'],
    // Angle brackets that are no markup stay text: an editor's title is stored as typed.
    ['A<B & C>D', 'A<B &#038; C>D', 'editor'],
    ['Why 2<3 but 5>4', 'Why 2<3 but 5>4', 'editor'],
    // Real markup, entities typed as entities, emoji.
    ['<em>Bold</em> move', '<em>Bold</em> move', 'editor'],
    ['R&amp;D &copy; 2026 Caf&eacute;', 'R&amp;D &copy; 2026 Caf&eacute;', 'editor', false],
    ['Launch 🚀 day — “go”', 'Launch 🚀 day — “go”', 'editor'],
    // An author's (no unfiltered_html): kses drops what is no allowed tag, and an allowed tag's attributes.
    ['A<B & C>D', 'A<B>D', 'author', false],
    ['Why 2<3 but 5>4', 'Why 24', 'author'],
    ['<em>Bold</em> move', '<em>Bold</em> move', 'author'],
  ];

  it.each(cases)(
    '%j: found by its typed and its shown title, and two runs leave one post',
    async (text, shown, user, outputFinds = true) => {
      const stamp = `E2E${RUN}t${cases.findIndex(([t, , u]) => t === text && u === user)}`;
      const title = `${stamp} ${text}`;
      const first = await findOrCreatePost({ title }, user);
      expect(first.created).toBe(true);
      // WordPress did rewrite it: the comparison below is not of equal strings.
      expect(first.post.title_html).toBe(`${stamp} ${shown}`);

      const second = await findOrCreatePost({ title }, user);
      expect(second).toMatchObject({ created: false, post: { id: first.post.id } });
      expect(await postsStamped(stamp)).toEqual([first.post.id]);

      // A subscriber gets no raw title (no edit context): the shown one is compared.
      expect(ids(await run<PostOutput[]>(perform(findPost), { title }, { user: 'subscriber' }))).toEqual([
        first.post.id,
      ]);
      // The title as an earlier step outputs it (curly quotes, dashes) finds it too; not where
      // WordPress's search cannot: markup joined two words ("A<b>D" shows as "AD"), or a letter is
      // stored as an entity ("Caf&eacute;" shows as "Café").
      if (!outputFinds) return;
      expect(ids(await run<PostOutput[]>(perform(findPost), { title: first.post.title }, { user: 'editor' }))).toEqual([
        first.post.id,
      ]);
    },
  );

  it("a password-protected post found by its title keeps its content hidden, although the editor's edit context shows it", async () => {
    const title = `E2E${RUN}protected Members' notes`;
    const { data } = await rest<{ id: number }>(await admin(), 'wp/v2/posts', {
      method: 'POST',
      query: { _fields: 'id' },
      body: { title, content: '<p>the secret</p>', excerpt: 'secret excerpt', password: 'pw', status: 'publish' },
    });
    made.posts.add(data.id);
    const [found] = await run<PostOutput[]>(perform(findPost), { title }, { user: 'editor' });
    expect(found).toMatchObject({ id: data.id, password_protected: true, content_html: '', excerpt_html: '' });
  });

  it('a title that differs in more than its texturizing is another post', async () => {
    const title = `E2E${RUN}other Don't miss it -- now...`;
    const { post } = await findOrCreatePost({ title }, 'editor');
    expect(await run(perform(findPost), { title: title.replace('--', '-') }, { user: 'editor' })).toEqual([]);
    expect(await run(perform(findPost), { title: title.replace("Don't", 'Dont') }, { user: 'subscriber' })).toEqual([]);
    expect(ids(await run<PostOutput[]>(perform(findPost), { title }, { user: 'subscriber' }))).toEqual([post.id]);
  });
});

describe('Find Post by title: an older post among many newer ones that mention its words', () => {
  // "Q&A E2E…" is searched for as its stamp alone (single letters are dropped), which the fillers hold
  // in their content. All are drafts dated in 2001–2002, out of the way of the triggers' newest posts.
  const stamp = `E2E${RUN}qa`;
  const title = `Q&A ${stamp}`;
  const FILLERS = 105;
  let old: number;
  const fillers: number[] = [];

  /** Up to 25 writes in one request (WordPress's batch limit); throws unless every one succeeded. */
  async function batch(requests: Array<{ method: 'POST' | 'DELETE'; path: string; body?: object }>) {
    const made: number[] = [];
    for (let i = 0; i < requests.length; i += 25) {
      const res = await rest<{ responses: Array<{ status: number; body: { id: number } }> }>(
        await admin(),
        'batch/v1',
        {
          method: 'POST',
          body: { requests: requests.slice(i, i + 25) },
        },
      );
      const failed = res.data.responses?.find((r) => r.status >= 300);
      if (res.status !== 207 || failed) throw new Error(`batch → ${res.status}: ${JSON.stringify(failed ?? res.data)}`);
      made.push(...res.data.responses.map((r) => r.body.id));
    }
    return made;
  }

  beforeAll(async () => {
    [old] = await batch([
      { method: 'POST', path: '/wp/v2/posts', body: { title, status: 'draft', date: '2001-03-01T10:00:00' } },
    ]);
    made.posts.add(old);
    const day = (i: number) => new Date(Date.UTC(2002, 0, 1) + i * 86_400_000).toISOString().slice(0, 19);
    const bodies = Array.from({ length: FILLERS }, (_, i) => ({
      method: 'POST' as const,
      path: '/wp/v2/posts',
      body: { title: `Filler ${i}`, content: `Q&A ${stamp} notes`, status: 'draft', date: day(i) },
    }));
    fillers.push(...(await batch(bodies)));
  });

  afterAll(async () => {
    await batch(fillers.map((id) => ({ method: 'DELETE', path: `/wp/v2/posts/${id}?force=true` })));
  });

  it('is found, although the first 100 newest posts holding its words are all others', async () => {
    // What a date-ordered search gives: the fillers only, so the old post would have been created again.
    const { data } = await rest<Array<{ id: number }>>(await admin(), 'wp/v2/posts', {
      query: { search: stamp, status: 'any', orderby: 'date', per_page: '100', _fields: 'id' },
    });
    expect(data).toHaveLength(100);
    expect(ids(data)).not.toContain(old);

    const found = await run<PostOutput[]>(perform(findPost), { title }, { user: 'editor' });
    expect(ids(found)).toEqual([old]);
    expect(found[0]).toMatchObject({ title: title, status: 'draft' });
    expect(await findOrCreatePost({ title }, 'editor')).toMatchObject({ created: false, post: { id: old } });
  });
});

describe('Create Post: category and tag names', () => {
  it('a category made only of digits is created as a name and assigned, and so reused the next time', async () => {
    const digits = String(Date.now()).slice(-9);
    const auth = await admin();
    // No category has this number as its ID, so it can only be a name.
    expect(
      (await rest<unknown[]>(auth, 'wp/v2/categories', { query: { include: digits, _fields: 'id' } })).data,
    ).toEqual([]);
    const { post } = await findOrCreatePost({ title: `E2E${RUN}digits`, categories: [digits] }, 'editor');
    expect(post.category_names).toEqual([digits]);
    expect(post.categories).not.toContain(Number(digits));
    const again = await run<PostOutput>(perform(createPost), { title: `E2E${RUN}digits2`, categories: digits }, {});
    made.posts.add(again.id);
    expect(again.categories).toEqual(post.categories);
  });

  it('digits that are a category ID are that category (what the dropdown gives)', async () => {
    const { post } = await findOrCreatePost({ title: `E2E${RUN}id`, categories: ['1'] }, 'editor');
    expect(post.categories).toEqual([1]);
    expect(post.category_names).toEqual(['Uncategorized']);
  });

  it('the items of a list are names as they are; a single mapped text is split on its commas', async () => {
    const news = `E2E${RUN} News`;
    const fooBar = `E2E${RUN} Foo, Bar`;
    const { post } = await findOrCreatePost(
      { title: `E2E${RUN}lists`, categories: [news, fooBar], tags: `E2E${RUN}a, E2E${RUN}b` },
      'editor',
    );
    expect([...post.category_names].sort()).toEqual([fooBar, news].sort());
    expect([...post.tag_names].sort()).toEqual([`E2E${RUN}a`, `E2E${RUN}b`]);
    const { data } = await rest<unknown[]>(await admin(), 'wp/v2/categories', {
      query: { search: `E2E${RUN} Foo`, _fields: 'id,name' },
    });
    expect(data).toHaveLength(1);
  });
});

describe('Find or Create User: usernames with an "@"', () => {
  const username = `e2e.${RUN}@team`;
  const email = `e2e.${RUN}.person@example.com`;

  /** Zapier's Find or Create User: Find User by the username; Create User only when nothing was found. */
  async function findOrCreateUser(): Promise<{ user: UserOutput; created: boolean }> {
    const found = await run<UserOutput[]>(perform(findUser), { username });
    if (found[0]) return { user: found[0], created: false };
    const user = await run<UserOutput>(perform(createUser), { username, email });
    made.users.add(user.id);
    return { user, created: true };
  }

  it('finds a user whose username holds an "@" that is not their email; two runs leave one user', async () => {
    const first = await findOrCreateUser();
    expect(first).toMatchObject({ created: true, user: { username, email } });
    // WordPress alone does not find this user by the username: it searches emails for text with "@".
    const { data } = await rest<unknown[]>(await admin(), 'wp/v2/users', { query: { search: username } });
    expect(data).toEqual([]);
    const second = await findOrCreateUser();
    expect(second).toMatchObject({ created: false, user: { id: first.user.id } });
    expect(ids(await run<UserOutput[]>(perform(findUser), { username: username.toUpperCase() }))).toEqual([
      first.user.id,
    ]);
    expect(await run(perform(findUser), { username: `x${username}` })).toEqual([]);
  });
});
