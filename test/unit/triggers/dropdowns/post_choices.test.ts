// The Post dropdowns: Update Post's (recent items of the chosen type) and Upload Media's Attach to
// Post (every type the user may edit, in one list). Items in every status the user may edit, named
// with WordPress's admin words for their status; media with media's own statuses.
import app from '../../../../index';
import { forbiddenStatus, invalidParam, restError, triggerPerform } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

type Out = Array<Record<string, unknown>>;
const dropdown =
  (key: string) =>
  (input: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
    appTester(triggerPerform(key), bundle(input, { isFillingDynamicDropdown: true, ...meta })) as Promise<Out>;

const LIST_QUERY = { _fields: 'id,title,status,type,date', orderby: 'date', order: 'desc', per_page: '100' };

const item = (id: number, title: string, status: string, type = 'post', date = `2026-03-${10 + id}T09:00:00`) => ({
  id,
  title: { rendered: title },
  status,
  type,
  date,
});

/** WordPress's answer about a custom type, which the app asks for before it knows its route. */
const typeLookup = (slug: string, restBase: string) =>
  wp()
    .get(`/wp-json/wp/v2/types/${slug}`)
    .query(true)
    .reply(200, { slug, rest_base: restBase, rest_namespace: 'wp/v2', taxonomies: [] });

/** A collection whose statuses are its own answers `status=any` with 400 `rest_not_in_enum`. */
const refusesAny = (route: string, statuses: string) =>
  wp()
    .get(`/wp-json/wp/v2/${route}`)
    .query((q) => q.status === 'any')
    .reply(400, invalidParam('status', `status[0] is not one of ${statuses}.`, 'rest_not_in_enum'));

const pastLastPage = () =>
  restError(
    'rest_post_invalid_page_number',
    'The page number requested is larger than the number of pages available.',
    400,
  );

describe('post_list', () => {
  const run = dropdown('post_list');

  it('every status the user may edit, each named as WordPress’s admin names it', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query({ ...LIST_QUERY, status: 'any', page: '1' })
      .reply(200, [
        item(6, 'Launch', 'future'),
        item(5, 'Idea &#8211; one', 'draft'),
        item(4, 'Guest post', 'pending'),
        item(3, 'Private: Memo', 'private'),
        item(2, '', 'publish'),
        item(1, 'Kept by a plugin', 'archived'),
      ]);
    expect((await run()).map((p) => p.name)).toEqual([
      'Launch (Scheduled)',
      'Idea – one (Draft)',
      'Guest post (Pending Review)',
      'Memo (Private)',
      '(no title)',
      'Kept by a plugin (archived)',
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the status slug in the output, and reads the type from the form (a custom type’s route)', async () => {
    typeLookup('book', 'books');
    wp()
      .get('/wp-json/wp/v2/books')
      .query({ ...LIST_QUERY, status: 'any', page: '1' })
      .reply(200, [item(3, 'Dune', 'future', 'book')]);
    expect(await run({ post_type: 'book' })).toEqual([
      { id: 3, name: 'Dune (Scheduled)', status: 'future', type: 'book' },
    ]);
  });

  it('media: its own statuses (inherit, private), not `any`; an ordinary item carries no status', async () => {
    typeLookup('attachment', 'media');
    // WordPress 6.1's answer to `status=any` on media: the dropdown must never send it.
    refusesAny('media', 'inherit, private, and trash');
    wp()
      .get('/wp-json/wp/v2/media')
      .query({ ...LIST_QUERY, status: 'inherit,private', page: '1' })
      .reply(200, [item(8, 'Hero image', 'inherit', 'attachment'), item(7, 'Contract scan', 'private', 'attachment')]);
    expect(await run({ post_type: 'attachment' })).toEqual([
      { id: 8, name: 'Hero image', status: 'inherit', type: 'attachment' },
      { id: 7, name: 'Contract scan (Private)', status: 'private', type: 'attachment' },
    ]);
  });

  it('a type whose statuses are its own (400 rest_not_in_enum) gets what it lists by default', async () => {
    typeLookup('ticket', 'tickets');
    refusesAny('tickets', 'open, closed');
    wp()
      .get('/wp-json/wp/v2/tickets')
      .query((q) => q.status === undefined)
      .reply(200, [item(2, 'Printer jam', 'open', 'ticket')]);
    expect((await run({ post_type: 'ticket' })).map((p) => p.name)).toEqual(['Printer jam (open)']);
  });

  it('published posts only when other statuses are forbidden; nothing past the last page', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query((q) => q.status === 'any')
      .reply(400, forbiddenStatus());
    wp()
      .get('/wp-json/wp/v2/posts')
      .query((q) => q.status === undefined)
      .reply(400, pastLastPage());
    await expect(run({}, { page: 7 })).resolves.toEqual([]);
  });

  it('any other refusal is not mistaken for a status problem', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(400, invalidParam('orderby', 'orderby is not one of author, date.', 'rest_not_in_enum'));
    await expect(run()).rejects.toThrow(/orderby/);
  });
});

const type = (slug: string, restBase: string, singular: string, name = `${singular}s`) => ({
  slug,
  name,
  rest_base: restBase,
  rest_namespace: 'wp/v2',
  taxonomies: [],
  labels: { name, singular_name: singular },
});

/** `/wp/v2/types?context=edit` for an editor: content types, media, blocks; only what they may edit. */
const EDITABLE_TYPES = {
  post: type('post', 'posts', 'Post'),
  page: type('page', 'pages', 'Page'),
  attachment: type('attachment', 'media', 'Media', 'Media'),
  wp_block: type('wp_block', 'blocks', 'Reusable block'),
  book: type('book', 'books', 'Book &amp; Novel', 'Books &amp; Novels'),
};

describe('any_post_list', () => {
  const run = (meta: Record<string, unknown> = {}) => dropdown('any_post_list')({}, meta);

  it('posts, pages and custom items in one list, newest first, named with their type; no media or blocks', async () => {
    const types = wp().get('/wp-json/wp/v2/types').query({ context: 'edit' }).reply(200, EDITABLE_TYPES);
    const pages = [
      wp()
        .get('/wp-json/wp/v2/posts')
        .query({ ...LIST_QUERY, status: 'any', page: '2' })
        .reply(200, [
          item(10, 'Spring launch', 'future', 'post', '2026-05-01T09:00:00'),
          item(4, 'Idea', 'draft', 'post', '2026-03-02T09:00:00'),
        ]),
      wp()
        .get('/wp-json/wp/v2/pages')
        .query({ ...LIST_QUERY, status: 'any', page: '2' })
        .reply(200, [item(7, 'About us', 'publish', 'page', '2026-04-01T09:00:00')]),
      wp()
        .get('/wp-json/wp/v2/books')
        .query({ ...LIST_QUERY, status: 'any', page: '2' })
        .reply(200, [
          item(9, 'Dune', 'pending', 'book', '2026-03-02T09:00:00'),
          item(3, 'Emma', 'publish', 'book', '2026-01-01T09:00:00'),
        ]),
    ];
    expect(await run({ page: 1 })).toEqual([
      { id: 10, name: 'Spring launch (Post, Scheduled)', status: 'future', type: 'post' },
      { id: 7, name: 'About us (Page)', status: 'publish', type: 'page' },
      { id: 9, name: 'Dune (Book & Novel, Pending Review)', status: 'pending', type: 'book' },
      { id: 4, name: 'Idea (Post, Draft)', status: 'draft', type: 'post' },
      { id: 3, name: 'Emma (Book & Novel)', status: 'publish', type: 'book' },
    ]);
    // One request for the types and one per type: no type lookups, nothing for media or blocks.
    expect(types.isDone() && pages.every((scope) => scope.isDone())).toBe(true);
  });

  it('a type whose items ran out ends quietly while the others go on; the plural name when labels are missing', async () => {
    wp()
      .get('/wp-json/wp/v2/types')
      .query({ context: 'edit' })
      .reply(200, {
        post: type('post', 'posts', 'Post'),
        book: { slug: 'book', name: 'Books', rest_base: 'books', rest_namespace: 'wp/v2' },
      });
    wp().get('/wp-json/wp/v2/posts').query(true).reply(400, pastLastPage());
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(200, [item(3, 'Emma', 'publish', 'book', '2026-01-01T09:00:00')]);
    expect((await run({ page: 3 })).map((p) => p.name)).toEqual(['Emma (Books)']);
  });

  it('a type a plugin broke (500) is left out, the others still listed; only all types failing is an error', async () => {
    const typesReply = {
      post: type('post', 'posts', 'Post'),
      book: { slug: 'book', name: 'Books', rest_base: 'books', rest_namespace: 'wp/v2' },
    };
    wp().get('/wp-json/wp/v2/types').query({ context: 'edit' }).reply(200, typesReply);
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(500, restError('internal_server_error', 'Critical error', 500));
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(200, [item(3, 'Emma', 'publish', 'book', '2026-01-01T09:00:00')]);
    expect((await run()).map((p) => p.name)).toEqual(['Emma (Books)']);

    wp().get('/wp-json/wp/v2/types').query({ context: 'edit' }).reply(200, typesReply);
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(500, restError('internal_server_error', 'Critical error', 500));
    wp()
      .get('/wp-json/wp/v2/books')
      .query(true)
      .reply(500, restError('internal_server_error', 'Critical error', 500));
    await expect(run()).rejects.toThrow(/HTTP 500/);
  });

  it('a type whose other statuses the user may not read lists its published items', async () => {
    wp()
      .get('/wp-json/wp/v2/types')
      .query({ context: 'edit' })
      .reply(200, { page: type('page', 'pages', 'Page') });
    wp()
      .get('/wp-json/wp/v2/pages')
      .query((q) => q.status === 'any')
      .reply(400, forbiddenStatus());
    wp()
      .get('/wp-json/wp/v2/pages')
      .query((q) => q.status === undefined)
      .reply(200, [item(7, 'About us', 'publish', 'page', '2026-04-01T09:00:00')]);
    expect((await run()).map((p) => p.name)).toEqual(['About us (Page)']);
  });

  it('nothing for a user who may edit no type (403 rest_cannot_view), and no further request', async () => {
    wp()
      .get('/wp-json/wp/v2/types')
      .query({ context: 'edit' })
      .reply(403, restError('rest_cannot_view', 'Sorry, you are not allowed to edit posts in this post type.', 403));
    await expect(run()).resolves.toEqual([]);
  });

  it('feeds Upload Media’s Attach to Post field', () => {
    const fields = app.creates!.upload_media.operation.inputFields as Array<{ key: string; dynamic?: string }>;
    expect(fields.find((f) => f.key === 'post_id')?.dynamic).toBe('any_post_list.id.name');
  });
});
