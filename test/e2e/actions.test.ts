// Create Post, Update Post and Find Post through Zapier's runtime against the real WordPress (site
// "main"): each as the roles that may and may not run it. Featured images come from a local HTTP
// server (action_files.ts). Everything created has a unique name per run; seed content is never
// changed. Upload Media and the plain-permalink site: media_actions.test.ts; users: user_actions.test.ts.
import { createPost } from '../../src/creates/create_post';
import { updatePost } from '../../src/creates/update_post';
import type { PostOutput } from '../../src/wordpress/post';
import { findPost } from '../../src/searches/find_post';
import { caught, connect, perform, recordRequests, rest, run, userMessage, users } from './harness';
import { RUN, admin, files, posts, serveFiles } from './action_files';

serveFiles();

jest.setTimeout(60_000);

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
    const auth = await connect('main', 'editor');
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
