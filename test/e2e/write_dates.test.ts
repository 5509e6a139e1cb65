// Writes never publish by surprise, and what a Zap set it can empty again, against the real
// WordPress (site "main", time zone Europe/Berlin): a Publish Date ahead schedules, a scheduled post
// is never published by a date that is not ahead, a zone abbreviation lands at the right instant,
// a field the post type does not have is refused before anything is written, and Clear These
// Fields empties what WordPress lets be empty.
import { createPost } from '../../src/creates/create_post';
import { updatePost } from '../../src/creates/update_post';
import { updateUser } from '../../src/creates/update_user';
import type { PostWriteOutput } from '../../src/zap/post_write';
import type { UserWriteOutput } from '../../src/zap/user_write';
import {
  caught,
  connect,
  perform,
  recordRequests,
  requireWordPress,
  rest,
  run,
  sites,
  uploadPng,
  userMessage,
} from './harness';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** What this file made, by collection route, removed at the end. */
const made: Array<{ route: string; id: number }> = [];
const madeUsers: number[] = [];
const keep = <T extends { id: number; type?: string }>(out: T, route = 'wp/v2/posts'): T => {
  made.push({ route, id: out.id });
  return out;
};

beforeAll(() => requireWordPress('main'));

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const { route, id } of made) await rest(auth, `${route}/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const id of madeUsers) {
    await rest(auth, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  }
});

/** A post as WordPress stores it (edit context: the raw values). */
async function stored(route: string, id: number) {
  const { data } = await rest<{
    status: string;
    date_gmt: string;
    excerpt: { raw: string };
    tags: number[];
    categories: number[];
    featured_media: number;
  }>(await connect('main', 'administrator'), `${route}/${id}`, {
    query: { context: 'edit', _fields: 'status,date_gmt,excerpt,tags,categories,featured_media' },
  });
  return data;
}

/** Every item of a collection (any status) whose raw title is exactly `title`. */
async function titled(route: string, title: string): Promise<number[]> {
  const { data } = await rest<Array<{ id: number; title: { raw: string } }>>(
    await connect('main', 'administrator'),
    route,
    { query: { search: RUN, status: 'any', context: 'edit', per_page: '100', _fields: 'id,title' } },
  );
  return data.filter((item) => item.title.raw === title).map((item) => item.id);
}

/** `2026-11-29T10:00:00Z` for an instant `minutes` from now, whole minutes. */
function utcIn(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at.toISOString().replace('.000Z', 'Z');
}

describe('a Publish Date ahead schedules; a scheduled post is not published by surprise', () => {
  it('Create Post with a Publish Date ahead and Status empty schedules the post', async () => {
    const date = utcIn(90);
    const out = keep(
      await run<PostWriteOutput>(perform(createPost), { title: `E2E ${RUN} dated ahead`, date }, { user: 'editor' }),
    );
    expect(out).toMatchObject({ status: 'future', date_gmt: date.replace('Z', '+00:00') });
    expect((await stored('wp/v2/posts', out.id)).status).toBe('future');
  });

  it('Update Post to Scheduled without a date, on a post dated ahead, schedules it at that date', async () => {
    const date = utcIn(24 * 60);
    const draft = keep(
      await run<PostWriteOutput>(
        perform(createPost),
        { title: `E2E ${RUN} draft dated ahead`, status: 'draft', date },
        { user: 'editor' },
      ),
    );
    expect(draft.status).toBe('draft');
    const out = await run<PostWriteOutput>(
      perform(updatePost),
      { post_id: draft.id, status: 'Scheduled' },
      { user: 'editor' },
    );
    expect(out).toMatchObject({ status: 'future', date_gmt: date.replace('Z', '+00:00') });
  });

  it('Update Post with an earlier date and Status empty on a scheduled post: refused, the post stays scheduled', async () => {
    const post = keep(
      await run<PostWriteOutput>(
        perform(createPost),
        { title: `E2E ${RUN} scheduled`, status: 'future', date: utcIn(120) },
        { user: 'editor' },
      ),
    );
    const err = await caught(() =>
      run(perform(updatePost), { post_id: post.id, date: '2020-01-01T10:00:00Z' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toBe(
      `Publish Date: 2020-01-01 10:00:00 UTC is in the past, and post ${post.id} is scheduled: WordPress would publish it at once. ` +
        'Set Publish Date to a date and time at least a minute ahead to keep it scheduled, or set Status to Published to publish it now with this date.',
    );
    expect(await stored('wp/v2/posts', post.id)).toMatchObject({
      status: 'future',
      date_gmt: post.date_gmt?.slice(0, 19),
    });
  });

  it('a date written with EST lands at the right instant (not read as Berlin time)', async () => {
    const out = keep(
      await run<PostWriteOutput>(
        perform(createPost),
        { title: `E2E ${RUN} EST`, status: 'draft', date: '2030-01-15 10:00 EST' },
        { user: 'editor' },
      ),
    );
    // 10:00 in New York's winter is 15:00 UTC, 16:00 in Berlin.
    expect(out).toMatchObject({ date_gmt: '2030-01-15T15:00:00+00:00', date: '2030-01-15T16:00:00+01:00' });
    expect((await stored('wp/v2/posts', out.id)).date_gmt).toBe('2030-01-15T15:00:00');
  });

  it('a date with IST (India, Ireland or Israel) is refused, and nothing is created', async () => {
    const title = `E2E ${RUN} IST`;
    const err = await caught(() =>
      run(perform(createPost), { title, date: '2030-01-15 10:00 IST' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(
      /^Publish Date: "2030-01-15 10:00 IST" ends in IST, which stands for several time zones/,
    );
    expect(await titled('wp/v2/posts', title)).toEqual([]);
  });
});

describe('a field the post type does not have is refused before anything is written', () => {
  it('Format on a page: refused, no page created; Sticky No and Format Standard on a page change nothing', async () => {
    const title = `E2E ${RUN} page with a format`;
    const err = await caught(() =>
      run(perform(createPost), { post_type: 'page', title, format: 'aside' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toBe(
      'Format: the post type "page" has no post formats, so WordPress would ignore it. Leave Format empty for this post type.',
    );
    expect(await titled('wp/v2/pages', title)).toEqual([]);

    const page = keep(
      await run<PostWriteOutput>(
        perform(createPost),
        { post_type: 'page', title: `E2E ${RUN} plain page`, sticky: 'false', format: 'standard' },
        { user: 'editor' },
      ),
      'wp/v2/pages',
    );
    expect(page).toMatchObject({ type: 'page', warnings: [] });
  });

  it("a custom type's schema is asked once (GET with _method=OPTIONS), Format on it refused with no item created, then cached", async () => {
    const title = `E2E ${RUN} book with a format`;
    const first = await recordRequests(() =>
      caught(() => run(perform(createPost), { post_type: 'book', title, format: 'aside' }, { user: 'editor' })),
    );
    expect(userMessage(first.result)).toBe(
      'Format: the post type "book" has no post formats, so WordPress would ignore it. Leave Format empty for this post type.',
    );
    const schemaAsks = (requests: typeof first.requests) =>
      requests.filter((r) => r.method === 'GET' && decodeURIComponent(r.path).includes('_method=OPTIONS')).length;
    expect(schemaAsks(first.requests)).toBe(1);
    expect(first.requests.some((r) => r.method === 'POST')).toBe(false);
    expect(await titled('wp/v2/books', title)).toEqual([]);

    // The book type has excerpts: accepted, and the schema comes from the cache now.
    const second = await recordRequests(() =>
      run<PostWriteOutput>(
        perform(createPost),
        { post_type: 'book', title: `E2E ${RUN} book`, excerpt: 'A short one.' },
        { user: 'editor' },
      ),
    );
    const book = keep(second.result, 'wp/v2/books');
    expect(schemaAsks(second.requests)).toBe(0);
    expect(book).toMatchObject({ type: 'book', excerpt_text: 'A short one.', warnings: [] });
  });
});

describe('Clear These Fields empties what a Zap set', () => {
  let imageId: number;

  beforeAll(async () => {
    imageId = await uploadPng(await connect('main', 'editor'), `e2e-${RUN}`);
    made.push({ route: 'wp/v2/media', id: imageId });
  });

  it('Update Post empties the excerpt, tags, categories and featured image; the output shows them empty', async () => {
    const post = keep(
      await run<PostWriteOutput>(
        perform(createPost),
        {
          title: `E2E ${RUN} to clear`,
          content: '<p>The body stays.</p>',
          excerpt: 'An excerpt to remove.',
          tags: [`E2E clear ${RUN}`],
          categories: ['Uncategorized'],
          featured_image: String(imageId),
        },
        { user: 'editor' },
      ),
    );
    expect(post).toMatchObject({ excerpt_text: 'An excerpt to remove.', featured_image_id: imageId });
    expect(post.tags).toHaveLength(1);
    made.push({ route: 'wp/v2/tags', id: post.tags[0]! });

    const out = await run<PostWriteOutput>(
      perform(updatePost),
      // What Zapier sends for fields the Zap does not map: empty values, which keep the post's.
      {
        post_id: post.id,
        title: '',
        excerpt: '',
        tags: '',
        clear_fields: ['excerpt', 'tags', 'categories', 'featured_image'],
      },
      { user: 'editor' },
    );
    expect(out).toMatchObject({
      title: `E2E ${RUN} to clear`,
      content_text: 'The body stays.',
      excerpt_html: '',
      excerpt_text: '',
      tags: [],
      categories: [],
      featured_image_id: null,
      featured_image_url: null,
      warnings: [],
    });
    expect(await stored('wp/v2/posts', post.id)).toMatchObject({
      excerpt: { raw: '' },
      tags: [],
      categories: [],
      featured_media: 0,
    });
  });

  it('Update User empties the first name, website and biography, and keeps the rest', async () => {
    const admin = await connect('main', 'administrator');
    const { data: user } = await rest<{ id: number }>(admin, 'wp/v2/users', {
      method: 'POST',
      body: {
        username: `e2e_clear_${RUN}`,
        email: `clear.${RUN}@example.com`,
        password: `Clear-${RUN}-pass-1`,
        first_name: 'Firstly',
        last_name: 'Lastly',
        url: 'https://example.org/me',
        description: 'A biography.',
      },
    });
    madeUsers.push(user.id);
    const out = await run<UserWriteOutput>(perform(updateUser), {
      user_id: user.id,
      first_name: '',
      clear_fields: ['First Name', 'Website', 'Biographical Info'],
    });
    expect(out).toMatchObject({ first_name: '', last_name: 'Lastly', url: '', description: '', warnings: [] });
    const { data } = await rest<Record<string, string>>(admin, `wp/v2/users/${user.id}`, {
      query: { context: 'edit', _fields: 'first_name,last_name,url,description' },
    });
    expect(data).toEqual({ first_name: '', last_name: 'Lastly', url: '', description: '' });
  });
});

it('the bench is the one this file assumes', () => {
  expect(sites.main.timezone).toBe('Europe/Berlin');
});
