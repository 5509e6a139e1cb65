// A site's own schema against the real WordPress (site "main"): the `book` type with its `genre`
// taxonomy, registered meta `isbn` and `pages`, and the ACF fixture's field groups on books and
// users (test/wordpress/mu-plugins/wpjz-acf.php). Everything created has a unique name per run and
// is deleted again; other engineers' posts and users are never counted.
import { createPost } from '../../src/creates/create_post';
import { updatePost } from '../../src/creates/update_post';
import { updateUser } from '../../src/creates/update_user';
import type { PostOutput } from '../../src/wordpress/post';
import { findPost } from '../../src/searches/find_post';
import { newPost } from '../../src/triggers/new_post';
import { newUser } from '../../src/triggers/new_user';
import type { UserOutput } from '../../src/wordpress/user';
import {
  caught,
  connect,
  perform,
  recordRequests,
  requireWordPress,
  rest,
  run,
  uploadPng,
  userMessage,
} from './harness';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const GENRE = `Solarpunk ${RUN}`;
const created: { posts: number[]; users: number[]; genres: number[] } = { posts: [], users: [], genres: [] };

type Fn = (z: never, bundle: never) => unknown;
type FieldDef = { key: string; label: string; type?: string; dynamic?: string; choices?: unknown; list?: boolean };

/** The function among an operation's fields (a site's own fields), as the Zap editor calls it. */
const dynamicOf = (fields: unknown) => (fields as unknown[]).find((field) => typeof field === 'function') as Fn;

type BookOutput = PostOutput & { warnings?: string[] };

beforeAll(async () => {
  await requireWordPress('main');
  // Connected before any request is counted: the login is no part of a form load.
  await connect('main', 'administrator');
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of created.posts) await rest(auth, `wp/v2/books/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const id of created.genres)
    await rest(auth, `wp/v2/genres/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const id of created.users)
    await rest(auth, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
});

describe('Create Post form for books', () => {
  it('shows Genres, the registered meta and the ACF fields, typed from the schema: 2 requests cold, none warm', async () => {
    const inputs = dynamicOf(createPost.operation.inputFields);
    const cold = await recordRequests(() => run<FieldDef[]>(inputs, { post_type: 'book' }, { freshCache: true }));
    const warm = await recordRequests(() => run<FieldDef[]>(inputs, { post_type: 'book' }));
    const byKey = Object.fromEntries(cold.result.map((field) => [field.key, field]));
    expect(byKey.genres).toMatchObject({ label: 'Genres', dynamic: 'term_list.id.name', list: true });
    expect(byKey.meta__pages).toMatchObject({ label: 'Pages', type: 'integer' });
    expect(byKey.meta__isbn).toMatchObject({ label: 'The ISBN-13 of the edition' });
    expect(byKey.acf__price).toMatchObject({ label: 'Price', type: 'number' });
    expect(byKey.acf__in_stock).toMatchObject({ label: 'In Stock', type: 'boolean' });
    expect(byKey.acf__format?.choices).toEqual([
      { value: 'paperback', label: 'paperback', sample: 'paperback' },
      { value: 'hardcover', label: 'hardcover', sample: 'hardcover' },
      { value: 'ebook', label: 'ebook', sample: 'ebook' },
    ]);
    expect(byKey.acf__release_date).toMatchObject({ label: 'Release Date' });
    expect(byKey.acf__cover).toMatchObject({ label: 'Cover', type: 'file' });
    expect(cold.requests.length).toBeLessThanOrEqual(2);
    expect(warm.requests).toEqual([]);
    expect(warm.result).toEqual(cold.result);
  });

  it('labels the outputs from the schema, never as acf__release_date', async () => {
    const outputs = dynamicOf(newPost.operation.outputFields);
    const fields = await run<FieldDef[]>(outputs, { post_type: 'book' });
    const labels = Object.fromEntries(fields.map((field) => [field.key, field.label]));
    expect(labels).toMatchObject({
      'terms__genres[]': 'Genres (Names)',
      'terms__genres_ids[]': 'Genres (IDs)',
      meta__pages: 'Pages',
      acf__release_date: 'Release Date',
      acf__price: 'Price',
      acf__cover_url: 'Cover URL',
    });
  });
});

describe('a book with its genre, meta and ACF fields', () => {
  let book: BookOutput;

  it('refuses a wrong value before anything is written, naming the field and the type', async () => {
    const title = `Refused book ${RUN}`;
    const err = await caught(() =>
      run(perform(createPost), { post_type: 'book', title, meta__pages: 'three hundred', genres: GENRE }),
    );
    expect(userMessage(err)).toBe('Pages expects a whole number; got "three hundred".');
    const auth = await connect('main', 'administrator');
    const found = await rest<unknown[]>(auth, 'wp/v2/books', { query: { search: title, status: 'any' } });
    expect(found.data).toEqual([]);
    const genres = await rest<unknown[]>(auth, 'wp/v2/genres', { query: { search: GENRE } });
    expect(genres.data).toEqual([]);
  });

  it('Create Post: genre by name (created), ISBN, pages, ACF price, format and release date', async () => {
    book = await run<BookOutput>(perform(createPost), {
      post_type: 'book',
      title: `The Seed Vault ${RUN}`,
      status: 'publish',
      genres: GENRE,
      meta__isbn: '978-3-16-148410-0',
      meta__pages: '412',
      acf__price: '19.99',
      acf__format: 'Ebook',
      acf__release_date: '2024-03-15',
      acf__in_stock: 'yes',
    });
    created.posts.push(book.id);
    created.genres.push(...((book.terms?.genres_ids as number[]) ?? []));
    expect(book.warnings).toEqual([]);
    expect(book.terms).toEqual({ genres: [GENRE], genres_ids: [expect.any(Number)] });
    expect(book.meta).toMatchObject({ isbn: '978-3-16-148410-0', pages: 412 });
    expect(book.acf).toMatchObject({ price: 19.99, format: 'ebook', release_date: '20240315', in_stock: true });
    // What WordPress holds, read beside the app.
    const auth = await connect('main', 'administrator');
    const stored = await rest<{ acf: Record<string, unknown>; meta: Record<string, unknown>; genres: number[] }>(
      auth,
      `wp/v2/books/${book.id}`,
      { query: { context: 'edit' } },
    );
    expect(stored.data.acf).toMatchObject({ release_date: '20240315', format: 'ebook', price: 19.99 });
    expect(stored.data.meta).toMatchObject({ pages: 412 });
    expect(stored.data.genres).toEqual(book.terms?.genres_ids);
  });

  it('Update Post: changes the price, keeps what was left empty; an existing genre name is reused; a cover by media ID', async () => {
    const auth = await connect('main', 'administrator');
    const cover = await uploadPng(auth, `cover-${RUN}`);
    const updated = await run<BookOutput>(perform(updatePost), {
      post_type: 'book',
      post_id: book.id,
      genres: [GENRE.toUpperCase()],
      acf__price: '24.50',
      acf__release_date: 'March 20, 2024',
      acf__cover: String(cover),
    });
    expect(updated.warnings).toEqual([]);
    // ACF's image gives its media ID; its embedded attachment, the URL.
    expect(updated.acf).toMatchObject({ cover, cover_url: expect.stringMatching(/\/cover-.*\.png$/) });
    await rest(auth, `wp/v2/media/${cover}`, { method: 'DELETE', query: { force: 'true' } });
    expect(updated.terms?.genres_ids).toEqual(book.terms?.genres_ids);
    expect(updated.acf).toMatchObject({ price: 24.5, format: 'ebook', release_date: '20240320' });
    expect(updated.meta).toMatchObject({ isbn: '978-3-16-148410-0', pages: 412 });
  });

  it('Find Post: by title within the genre; another genre finds nothing', async () => {
    const genreId = String((book.terms?.genres_ids as number[])[0]);
    const found = await run<BookOutput[]>(perform(findPost), {
      post_type: 'book',
      title: `The Seed Vault ${RUN}`,
      genres: genreId,
    });
    expect(found.map((post) => post.id)).toEqual([book.id]);
    expect(found[0]?.acf).toMatchObject({ price: 24.5, format: 'ebook' });
    const auth = await connect('main', 'administrator');
    const other = await rest<{ id: number }>(auth, 'wp/v2/genres', { method: 'POST', body: { name: `Other ${RUN}` } });
    created.genres.push(other.data.id);
    const none = await run<BookOutput[]>(perform(findPost), {
      post_type: 'book',
      title: `The Seed Vault ${RUN}`,
      genres: String(other.data.id),
    });
    expect(none).toEqual([]);
  });

  it('New Post fires for it, filtered on its genre, with the genre, meta and ACF values in the output', async () => {
    const genreId = String((book.terms?.genres_ids as number[])[0]);
    const posts = await run<BookOutput[]>(
      perform(newPost),
      { post_type: 'book', genres: genreId },
      { freshCache: true },
    );
    expect(posts.map((post) => post.id)).toEqual([book.id]);
    expect(posts[0]).toMatchObject({
      terms: { genres: [GENRE] },
      meta: { isbn: '978-3-16-148410-0', pages: 412 },
      acf: { price: 24.5, format: 'ebook', release_date: '20240320', in_stock: true },
    });
  });
});

describe('users: phone and company', () => {
  it('Update User writes phone, company and a registered meta key; New User outputs them', async () => {
    const auth = await connect('main', 'administrator');
    const login = `crm.${RUN}`;
    const made = await rest<{ id: number }>(auth, 'wp/v2/users', {
      method: 'POST',
      body: { username: login, email: `${login}@example.com`, password: `pw-${RUN}-Aa1!` },
    });
    expect(made.status).toBe(201);
    created.users.push(made.data.id);
    const form = await run<FieldDef[]>(dynamicOf(updateUser.operation.inputFields), {});
    expect(form.map((field) => [field.key, field.label])).toEqual(
      expect.arrayContaining([
        ['acf__phone', 'Phone'],
        ['acf__company', 'Company'],
        ['meta__crm_id', 'CRM ID'],
      ]),
    );
    const updated = await run<UserOutput & { warnings: string[] }>(perform(updateUser), {
      user_id: made.data.id,
      acf__phone: '+49 30 1234567',
      acf__company: 'Seed Vault GmbH',
      meta__crm_id: `crm-${RUN}`,
    });
    expect(updated.warnings).toEqual([]);
    expect(updated.acf).toMatchObject({ phone: '+49 30 1234567', company: 'Seed Vault GmbH' });
    expect(updated.meta).toMatchObject({ crm_id: `crm-${RUN}` });
    const polled = await run<UserOutput[]>(perform(newUser), {}, { freshCache: true });
    const mine = polled.find((user) => user.id === made.data.id);
    expect(mine?.acf).toMatchObject({ phone: '+49 30 1234567', company: 'Seed Vault GmbH' });
    expect(mine?.meta).toMatchObject({ crm_id: `crm-${RUN}` });
  });
});
