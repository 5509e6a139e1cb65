// New or Updated Post, New User and the dropdowns through Zapier's runtime against the real
// WordPress of the bench. Content made here carries a per-run stamp; seed content is only read.
import { caught, recordRequests, userMessage } from './harness';
import { STAMP, create, expectNewestFirst, ours, poll, turnOn, usePollingBench } from './trigger_polls';

usePollingBench();

jest.setTimeout(60_000);

describe('New or Updated Post', () => {
  it('fires on publication and again on each edit, with the plain post ID beside', async () => {
    await turnOn('new_or_updated_post', {}, { freshCache: true });
    await turnOn('new_post');
    const post = await create<{ id: number }>('wp/v2/posts', { title: `E2E ${STAMP} evolving`, status: 'publish' });
    const [before] = ours(await poll('new_or_updated_post'));
    expect(before).toMatchObject({ post_id: post.id });
    expect(before.id).toBe(`${post.id}-${before.modified_gmt}`);

    await new Promise((resolve) => setTimeout(resolve, 1100)); // modified_gmt has one-second resolution
    await create(`wp/v2/posts/${post.id}`, { excerpt: 'Edited.' });
    const { result, requests } = await recordRequests(() => poll('new_or_updated_post'));
    // The indexes of what changed since the last poll, then the full post of only that.
    const paths = requests.map((r) => decodeURIComponent(r.path));
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(paths.some((path) => path.includes('orderby=modified') && path.includes('modified_after='))).toBe(true);
    expect(paths.filter((path) => path.includes('_embed'))).toEqual([expect.stringContaining(`include=${post.id}&`)]);
    expectNewestFirst(result, 'modified_gmt');
    const [after] = ours(result);
    expect(after).toMatchObject({ post_id: post.id, excerpt_text: 'Edited.' });
    expect(after.id).not.toBe(before.id);
    // New Post's id does not change with the edit: it fires once per post.
    expect(ours(await poll('new_post')).find((p) => p.post_id === post.id)?.id).toBe(post.id);
  });
});

describe('New User', () => {
  it('fires for new registrations, newest first, with CRM fields, in one request after turning on', async () => {
    // Turning the Zap on keeps where the users end; a poll without that (a lost cache) may list more.
    await poll('new_user', {}, { meta: { isPopulatingDedupe: true } });
    const first = await create<{ id: number }>('wp/v2/users', {
      username: `e2e_${STAMP}_a`,
      email: `e2e_${STAMP}_a@example.com`,
      password: `Pw-${STAMP}-a!`,
      name: `E2E ${STAMP} Ann`,
      first_name: 'Ann',
      last_name: 'O’Neil',
      roles: ['subscriber'],
    });
    const second = await create<{ id: number }>('wp/v2/users', {
      username: `e2e_${STAMP}_b`,
      email: `e2e_${STAMP}_b@example.com`,
      password: `Pw-${STAMP}-b!`,
      name: `E2E ${STAMP} Bo`,
      roles: ['author'],
    });
    const { result, requests } = await recordRequests(() => poll('new_user'));
    expect(requests).toHaveLength(1);
    const mine = result.filter((u) => String(u.username).includes(STAMP));
    expect(mine.map((u) => u.id)).toEqual([second.id, first.id]);
    expect(mine[1]).toMatchObject({
      email: `e2e_${STAMP}_a@example.com`,
      first_name: 'Ann',
      last_name: 'O’Neil',
      roles: ['subscriber'],
      role: 'subscriber',
    });
    expect(mine[1].registered_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    const authors = await poll('new_user', { role: 'author' });
    expect(authors.map((u) => u.id)).toContain(second.id);
    expect(authors.map((u) => u.id)).not.toContain(first.id);
  });

  it('an editor (no list_users) gets the capability and the role named, not a bare 403', async () => {
    const message = userMessage(await caught(() => poll('new_user', {}, { user: 'editor' })));
    expect(message).toMatch(/"list_users" capability \(roles: Administrator\)/);
  });
});

describe('dropdowns', () => {
  it('post types: content types by slug and name, no media or templates', async () => {
    const types = await poll('post_type_list');
    expect(types).toEqual([
      { id: 'post', name: 'Posts' },
      { id: 'page', name: 'Pages' },
      { id: 'book', name: 'Books' },
    ]);
  });

  it('statuses: what the user may read', async () => {
    expect((await poll('post_status_list')).map((s) => s.id)).toEqual([
      'publish',
      'future',
      'draft',
      'pending',
      'private',
    ]);
    expect((await poll('post_status_list', {}, { user: 'subscriber' })).map((s) => s.id)).toEqual(['publish']);
  });

  it('categories (with their parent) and tags', async () => {
    expect((await poll('category_list')).map((c) => c.name)).toEqual(
      expect.arrayContaining(['News', 'News › Releases', 'Tutorials']),
    );
    expect((await poll('tag_list')).map((t) => t.name)).toEqual(expect.arrayContaining(['WordPress', 'REST API']));
  });

  it('authors: everyone who can write, even without published posts; a subscriber gets the public list', async () => {
    const forEditor = (await poll('author_list', {}, { user: 'editor' })).map((a) => a.name);
    expect(forEditor).toEqual(expect.arrayContaining(['Ada Admin', 'Connie Contributor', 'Edith Editor']));
    expect(forEditor).not.toContain('Sam Subscriber');
    const forSubscriber = (await poll('author_list', {}, { user: 'subscriber' })).map((a) => a.name);
    expect(forSubscriber).toContain('Ada Admin');
    expect(forSubscriber).not.toContain('Connie Contributor'); // only a pending post: not public
  });

  it('roles: the standard five (and any other role a recent user has)', async () => {
    expect((await poll('role_list')).slice(0, 5).map((r) => r.id)).toEqual([
      'subscriber',
      'contributor',
      'author',
      'editor',
      'administrator',
    ]);
    expect(await poll('role_list', {}, { user: 'editor' })).toHaveLength(5);
  });

  it('posts of the chosen type, drafts included', async () => {
    const posts = await poll('post_list');
    expect(posts).toHaveLength(100);
    expect(posts.map((p) => p.status)).toEqual(expect.arrayContaining(['publish', 'draft']));
    const books = await poll('post_list', { post_type: 'book' });
    expect(books.map((b) => b.name)).toEqual(expect.arrayContaining(['The Left Hand of Darkness', 'Persuasion']));
  });

  it('users page by page (hundreds of them) for an administrator; only themselves for an editor', async () => {
    const page0 = await poll('user_list');
    const page1 = await poll('user_list', {}, { meta: { page: 1 } });
    expect(page0).toHaveLength(100);
    expect(page1.length).toBeGreaterThan(0);
    expect(page1.map((u) => u.id)).not.toContain(page0[0].id);
    expect(await poll('user_list', {}, { meta: { page: 100_000 } })).toEqual([]);
    expect(await poll('user_list', {}, { user: 'editor' })).toEqual([
      {
        id: 2,
        name: 'Edith Editor (edith, edith.editor@example.com)',
        username: 'edith',
        email: 'edith.editor@example.com',
      },
    ]);
  });
});
