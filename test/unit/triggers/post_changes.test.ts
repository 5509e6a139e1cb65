// New Post and New or Updated Post once they have polled: small indexes of IDs, dates and changes,
// then the full posts of only the new ones; the full poll whenever nothing is kept.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { POST_EMBED, POST_FIELDS } from '../../../src/post';
import type { WPPost } from '../../../src/post';
import { pollKeys } from '../../../src/triggers/poll_state';
import { PostPollOrder, serverTimeOf } from '../../../src/triggers/post_changes';
import { restError, triggerPerform, wpPost } from '../fixtures';
import { appTester, authData, bundle, caught, userMessage, wp } from '../helpers';

const newPost = triggerPerform('new_post');
const newOrUpdated = triggerPerform('new_or_updated_post');
type Perform = typeof newPost;
type Out = Array<Record<string, unknown>>;

// ---------------------------------------------------------------------------- the server's clock

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** When the first poll runs, by the server's clock (its `Date` header). */
const T0 = Date.parse('2026-12-02T13:00:00Z');
/** The server time the next answers carry. */
let clock = T0;

const httpDate = (ms: number) => new Date(ms).toUTCString();
/** A date as WordPress writes `date_gmt` and `modified_gmt`. */
const gmt = (ms: number) => new Date(ms).toISOString().slice(0, 19);
/** A date as the app sends `after` and `modified_after`: UTC, whole seconds, Z. */
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A published post dated `at` (and last modified then, unless `modified` says otherwise). */
function post(id: number, at: number, overrides: Partial<WPPost> = {}): WPPost {
  return wpPost({
    id,
    date: gmt(at),
    date_gmt: gmt(at),
    modified: overrides.modified_gmt ?? gmt(at),
    modified_gmt: gmt(at),
    ...overrides,
  });
}

const hidden = { rendered: '', protected: true };
const locked = (id: number, at: number) => post(id, at, { content: hidden, excerpt: hidden });

// ---------------------------------------------------------------------------- the queries

type Query = Record<string, string>;
const EVERY = { status: 'publish', ignore_sticky: 'true' };
const EMBEDS = { _fields: POST_FIELDS, _embed: POST_EMBED };
const INDEX = { ...EVERY, per_page: '100', page: '1', order: 'desc' };

const q = {
  /** The full poll: the newest posts with everything the output needs. */
  full: (orderby: PostPollOrder, perPage = 50, extra: Query = {}): Query => ({
    ...EVERY,
    ...EMBEDS,
    per_page: String(perPage),
    page: '1',
    orderby,
    order: 'desc',
    ...extra,
  }),
  ids: (extra: Query = {}): Query => ({ ...INDEX, orderby: 'id', _fields: 'id', ...extra }),
  /** `after` never reaches back before the first poll (T0): what was there then is not new. */
  dates: (after: number, extra: Query = {}, order: PostPollOrder = 'date'): Query => ({
    ...INDEX,
    orderby: 'date',
    after: utc(Math.max(after, T0)),
    _fields: order === 'date' ? 'id,date_gmt' : 'id,date_gmt,modified_gmt',
    ...extra,
  }),
  modified: (after: number, extra: Query = {}): Query => ({
    ...INDEX,
    orderby: 'modified',
    modified_after: utc(Math.max(after, T0)),
    _fields: 'id,modified_gmt',
    ...extra,
  }),
  /** The full posts of only these IDs. */
  fetch: (ids: number[], extra: Query = {}): Query => ({
    ...EVERY,
    ...EMBEDS,
    include: ids.join(','),
    per_page: String(ids.length),
    orderby: 'include',
    ...extra,
  }),
};

const idRows = (...ids: number[]) => ids.map((id) => ({ id }));
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

// ---------------------------------------------------------------------------- polling

interface Answer {
  query: Query;
  body: unknown;
  status?: number;
  /** Server time of the answer; default `clock`. */
  at?: number;
  path?: string;
}

let asked: Query[] = [];
let unmatched = 0;
const countUnmatched = () => {
  unmatched += 1;
};
beforeAll(() => nock.emitter.on('no match', countUnmatched));
afterAll(() => nock.emitter.removeListener('no match', countUnmatched));
beforeEach(() => {
  clock = T0;
});

function answer(...answers: Answer[]) {
  for (const a of answers) {
    wp()
      .get(a.path ?? '/wp-json/wp/v2/posts')
      .query(a.query)
      .reply(() => {
        asked.push(a.query);
        return [a.status ?? 200, a.body, { Date: httpDate(a.at ?? clock) }];
      });
  }
}

/**
 * Runs one poll that must send exactly `answers`' queries, in that order, and nothing else.
 * `first` clears Zapier's cache (a new test).
 */
async function poll(perform: Perform, b: ReturnType<typeof bundle>, answers: Answer[], first = false): Promise<Out> {
  asked = [];
  unmatched = 0;
  answer(...answers);
  const result = (await appTester(perform, b, first)) as Out;
  expect(asked).toEqual(answers.map((a) => a.query));
  expect(unmatched).toBe(0);
  expect(nock.pendingMocks()).toEqual([]);
  return result;
}

const ids = (posts: Out) => posts.map((p) => p.id);
const postIds = (posts: Out) => posts.map((p) => p.post_id);

/** Zapier's cache as the app tester keeps it: JSON text by key. */
const cache = () => (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj;
const stateKeys = () => Object.keys(cache()).filter((key) => key.startsWith('wp-post-poll:'));
function stateText(): string {
  const keys = stateKeys();
  expect(keys).toHaveLength(1);
  return cache()[keys[0]];
}
const state = () => JSON.parse(stateText()) as { ids: number[]; pending: number[]; delivered: Array<{ key: string }> };
const renderKeyOf = (id: number) =>
  Object.keys(cache()).find((key) => new RegExp(`^wp-post-render:v1:\\w+:${id}@`).test(key));

/** Recent posts 12 and 11 (an hour and two ago), and 5, dated three days ago. */
const recent = () => [post(12, T0 - HOUR), post(11, T0 - 2 * HOUR), post(5, T0 - 72 * HOUR)];

/** New Post's first poll, with posts 12, 11 and 5: the full poll, then the ID index. */
async function startNewPost(b = bundle(), posts = recent()) {
  return poll(
    newPost,
    b,
    [
      { query: q.full('date'), body: posts },
      { query: q.ids(), body: idRows(...posts.map((p) => p.id).sort((x, y) => y - x)) },
    ],
    true,
  );
}

// ---------------------------------------------------------------------------- first poll

describe('Post polls: the first poll', () => {
  it('New Post: the full poll (50 newest with embeds), then the ID index without embeds; its posts come back', async () => {
    const result = await startNewPost();
    expect(ids(result)).toEqual([12, 11, 5]);
    expect(state()).toMatchObject({ ids: [12, 11, 5], pending: [] });
  });

  it('New or Updated Post: the full poll by modification date, then the same ID index', async () => {
    const result = await poll(
      newOrUpdated,
      bundle(),
      [
        { query: q.full('modified'), body: [post(12, T0 - HOUR), post(11, T0 - 2 * HOUR)] },
        { query: q.ids(), body: idRows(12, 11) },
      ],
      true,
    );
    expect(ids(result)).toEqual([`12-${gmt(T0 - HOUR)}+00:00`, `11-${gmt(T0 - 2 * HOUR)}+00:00`]);
    expect(stateKeys()).toHaveLength(1);
  });

  it('when the ID index fails, the poll still returns its posts, keeps nothing, and the next poll is a full one again', async () => {
    const first = await poll(
      newPost,
      bundle(),
      [
        { query: q.full('date'), body: recent() },
        { query: q.ids(), status: 500, body: restError('internal_server_error', 'Database went away.', 500) },
      ],
      true,
    );
    expect(ids(first)).toEqual([12, 11, 5]);
    expect(stateKeys()).toEqual([]);
    clock = T0 + 15 * MINUTE;
    const second = await poll(newPost, bundle(), [
      { query: q.full('date'), body: [post(13, T0 + 10 * MINUTE), ...recent()] },
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
    ]);
    expect(ids(second)).toEqual([13, 12, 11, 5]);
    expect(state().ids).toEqual([13, 12, 11, 5]);
  });

  it('without a cache (zapier invoke: "rpc is not available") every poll is the full poll, and returns its posts', async () => {
    const refuse = () => Promise.reject(new Error('rpc is not available'));
    const withoutCache: Perform = (z, b) =>
      newPost({ ...z, cache: { get: refuse, set: refuse, delete: refuse } } as ZObject, b);
    for (const newest of [12, 13, 14]) {
      const posts = [post(newest, T0 - MINUTE), ...recent().slice(1)];
      // One request: with no cache, no baseline of IDs is worth asking for.
      const result = await poll(withoutCache, bundle(), [{ query: q.full('date'), body: posts }]);
      expect(ids(result)).toEqual([newest, 11, 5]);
    }
  });
});

describe('Post polls: what was there before the first poll', () => {
  it('never fires, although the date index looks back 6 hours: it looks back no further than the first poll', async () => {
    const b = () => bundle({}, { limit: 2 });
    // The full poll (limit 2) shows 12 and 11; 10 and 9 were published an hour before, unseen.
    await poll(
      newPost,
      b(),
      [
        { query: q.full('date', 2), body: [post(12, T0 - 10 * MINUTE), post(11, T0 - 20 * MINUTE)] },
        { query: q.ids(), body: idRows(12, 11, 10, 9) },
      ],
      true,
    );
    clock = T0 + 15 * MINUTE;
    const result = await poll(newPost, b(), [
      { query: q.ids(), body: idRows(12, 11, 10, 9) },
      // after = the first poll's time, not 6 hours back: WordPress leaves 10 and 9 out.
      { query: q.dates(T0), body: [] },
    ]);
    expect(asked[1].after).toBe(utc(T0));
    expect(ids(result)).not.toEqual(expect.arrayContaining([10]));
    expect(state().pending).toEqual([]);
  });
});

describe('Post polls: samples and turning a Zap on', () => {
  it('a sample is the full poll of 3 and keeps nothing, also when a state exists, which it leaves alone', async () => {
    await poll(newPost, bundle({}, { isLoadingSample: true }), [{ query: q.full('date', 3), body: recent() }], true);
    expect(stateKeys()).toEqual([]);
    await startNewPost();
    const kept = stateText();
    const sample = await poll(newPost, bundle({}, { isLoadingSample: true }), [
      { query: q.full('date', 3), body: [post(13, T0), ...recent().slice(0, 2)] },
    ]);
    expect(ids(sample)).toEqual([13, 12, 11]);
    expect(stateText()).toBe(kept);
  });

  it('turning a Zap on runs the full poll and starts the state when there is none', async () => {
    const result = await poll(
      newPost,
      bundle({}, { isPopulatingDedupe: true }),
      [
        { query: q.full('date'), body: recent() },
        { query: q.ids(), body: idRows(12, 11, 5) },
      ],
      true,
    );
    expect(ids(result)).toEqual([12, 11, 5]);
    expect(state().ids).toEqual([12, 11, 5]);
  });

  it("turning a second Zap on runs the full poll and never overwrites the first Zap's state", async () => {
    await startNewPost();
    const kept = stateText();
    clock = T0 + 5 * MINUTE;
    const result = await poll(newPost, bundle({}, { isPopulatingDedupe: true }), [
      { query: q.full('date'), body: [post(13, T0 + MINUTE), ...recent()] },
    ]);
    expect(ids(result)).toEqual([13, 12, 11, 5]);
    expect(stateText()).toBe(kept);
    // The first Zap's cursors still stand: post 13 is new to them.
    clock = T0 + 15 * MINUTE;
    const next = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + MINUTE)] },
    ]);
    expect(ids(next)).toEqual([13, 12, 11]);
  });
});

// ---------------------------------------------------------------------------- New Post

describe('New Post after its first poll', () => {
  it('a new ID above the old floor: the ID index, then the full post of only that ID (include, orderby=include, embeds)', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    const result = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    // The new post, and the posts of the last day already delivered (for other Zaps): newest first.
    expect(ids(result)).toEqual([13, 12, 11]);
    expect(result[0]).toMatchObject({ title: 'Post 13', content_text: 'Body of 13.', author_name: 'Edith Editor' });
    expect(state()).toMatchObject({ ids: [13, 12, 11, 5], pending: [] });
  });

  it('several new IDs are fetched together, in one request, newest first', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    const result = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(15, 14, 13, 12, 11, 5) },
      {
        query: q.fetch([15, 14, 13]),
        body: [post(15, T0 + 3 * MINUTE), post(14, T0 + 2 * MINUTE), post(13, T0 + MINUTE)],
      },
    ]);
    expect(ids(result)).toEqual([15, 14, 13, 12, 11]);
  });

  it('a failed fetch fails the poll and moves no cursor: the next poll finds the post again', async () => {
    await startNewPost();
    const kept = stateText();
    clock = T0 + 15 * MINUTE;
    answer(
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), status: 500, body: restError('internal_server_error', 'Database went away.', 500) },
    );
    expect(userMessage(await caught(() => appTester(newPost, bundle())))).toMatch(/^WordPress failed with HTTP 500/);
    expect(stateText()).toBe(kept);
    const result = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    expect(ids(result)).toEqual([13, 12, 11]);
  });

  it('nothing new: the ID index, then the date index from the server time of its last look − 6 h, in UTC', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    const second = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      // Its `after` counts from the first poll's server time; its own answer moves the cursor.
      { query: q.dates(T0 - 6 * HOUR), body: [], at: T0 + 16 * MINUTE },
    ]);
    expect(ids(second)).toEqual([12, 11]);
    clock = T0 + 30 * MINUTE;
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      { query: q.dates(T0 + 16 * MINUTE - 6 * HOUR), body: [] },
    ]);
  });

  it("the server time is the answer's Date header, else our clock", () => {
    const response = (date?: string) => ({ getHeader: (name: string) => (name === 'date' ? date : undefined) });
    expect(serverTimeOf(response('Wed, 02 Dec 2026 13:00:00 GMT'))).toBe(T0 / 1000);
    const before = Math.floor(Date.now() / 1000);
    for (const missing of [undefined, '', 'yesterday']) {
      const at = serverTimeOf(response(missing));
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
  });

  it('a post that only moved into the top IDs because another was deleted is not new', async () => {
    const top = range(300, 201);
    await poll(
      newPost,
      bundle(),
      [
        { query: q.full('date'), body: [post(300, T0 - HOUR)] },
        { query: q.ids(), body: idRows(...top) },
      ],
      true,
    );
    clock = T0 + 15 * MINUTE;
    // 250 deleted: 200, below the old floor, comes into the top 100.
    const result = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(...top.filter((id) => id !== 250), 200) },
      { query: q.dates(T0 - 6 * HOUR), body: [] },
    ]);
    expect(ids(result)).toEqual([300]);
    expect(state().pending).toEqual([]);
    expect(Math.min(...state().ids)).toBe(200);
  });

  it('after the time zone moved west, posts WordPress matches by their shifted local dates are left out by their UTC dates', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      {
        query: q.dates(T0 - 6 * HOUR),
        // 5 was published two days ago; its local date, written in the old zone, now looks recent.
        body: [{ id: 5, date_gmt: gmt(T0 - 48 * HOUR) }],
      },
    ]);
    expect(state().pending).toEqual([]);
  });

  it('a post found by a date index turn (a scheduled post going live, an old ID) is delivered on the next poll', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    const found = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5, 3) },
      {
        query: q.dates(T0 - 6 * HOUR),
        body: [
          { id: 3, date_gmt: gmt(T0 + 14 * MINUTE), modified_gmt: gmt(T0 - 48 * HOUR) },
          { id: 12, date_gmt: gmt(T0 - HOUR), modified_gmt: gmt(T0 - HOUR) },
        ],
      },
    ]);
    expect(ids(found)).toEqual([12, 11]);
    expect(state().pending).toEqual([3]);
    clock = T0 + 30 * MINUTE;
    const delivered = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5, 3) },
      { query: q.fetch([3]), body: [post(3, T0 + 14 * MINUTE, { modified_gmt: gmt(T0 - 48 * HOUR) })] },
    ]);
    expect(ids(delivered)).toEqual([3, 12, 11]);
  });

  it('an edit does not fire New Post again: the date index sees a known ID', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      {
        query: q.dates(T0 - 6 * HOUR),
        body: [{ id: 12, date_gmt: gmt(T0 - HOUR), modified_gmt: gmt(T0 + 10 * MINUTE) }],
      },
    ]);
    expect(state().pending).toEqual([]);
    clock = T0 + 30 * MINUTE;
    const result = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      { query: q.dates(T0 + 15 * MINUTE - 6 * HOUR), body: [] },
    ]);
    // The delivered version again, with the same id: Zapier's dedupe drops it.
    expect(ids(result)).toEqual([12, 11]);
    expect(result[0].modified_gmt).toBe(`${gmt(T0 - HOUR)}+00:00`);
  });

  it('a filter whose posts are all gone: the empty ID index makes it check whether the category was deleted', async () => {
    const filter = { categories: '3' };
    const b = () => bundle({ categories: ['3'] });
    await poll(
      newPost,
      b(),
      [
        { query: q.full('date', 50, filter), body: recent() },
        { query: q.ids(filter), body: idRows(12, 11, 5) },
      ],
      true,
    );
    answer({ query: q.ids(filter), body: [] });
    wp().get('/wp-json/wp/v2/categories').query({ include: '3', per_page: '100', _fields: 'id' }).reply(200, []);
    expect(userMessage(await caught(() => appTester(newPost, b())))).toMatch(
      /^WordPress has no category 3 \(Categories\): it was probably deleted/,
    );
  });

  it('sends the filters on every index and fetch', async () => {
    const filter = { status: 'private', tags: '7,9', author: '2' };
    const b = bundle({ status: 'private', tags: ['7', '9'], author: '2' });
    const privatePost = (id: number, at: number) => post(id, at, { status: 'private' });
    await poll(
      newPost,
      b,
      [
        { query: q.full('date', 50, filter), body: [privatePost(12, T0 - HOUR)] },
        { query: q.ids(filter), body: idRows(12) },
      ],
      true,
    );
    clock = T0 + 15 * MINUTE;
    await poll(newPost, b, [
      { query: q.ids(filter), body: idRows(12) },
      { query: q.dates(T0 - 6 * HOUR, filter), body: [] },
    ]);
    const result = await poll(newPost, b, [
      { query: q.ids(filter), body: idRows(13, 12) },
      { query: q.fetch([13], filter), body: [privatePost(13, T0 + 10 * MINUTE)] },
    ]);
    expect(ids(result)).toEqual([13, 12]);
  });
});

// ---------------------------------------------------------------------------- New or Updated Post

describe('New or Updated Post after its first poll', () => {
  const change = (id: number, modified: number) => `${id}-${gmt(modified)}+00:00`;

  async function start() {
    await poll(
      newOrUpdated,
      bundle(),
      [
        { query: q.full('modified'), body: [post(12, T0 - HOUR), post(11, T0 - 2 * HOUR)] },
        { query: q.ids(), body: idRows(12, 11) },
      ],
      true,
    );
  }

  it('the modified index first (server time − 10 min), then turns of the ID and date indexes, in alternation', async () => {
    await start();
    clock = T0 + 15 * MINUTE;
    await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 - 10 * MINUTE), body: [], at: T0 + 15 * MINUTE },
      { query: q.ids(), body: idRows(12, 11) },
    ]);
    clock = T0 + 30 * MINUTE;
    await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 + 5 * MINUTE), body: [] },
      { query: q.dates(T0 - 6 * HOUR, {}, 'modified'), body: [] },
    ]);
    clock = T0 + 45 * MINUTE;
    const result = await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 + 20 * MINUTE), body: [] },
      { query: q.ids(), body: idRows(12, 11) },
    ]);
    expect(ids(result)).toEqual([change(12, T0 - HOUR), change(11, T0 - 2 * HOUR)]);
  });

  it('an edit is delivered again with a new change id, fetched in the same poll; post_id stays', async () => {
    await start();
    clock = T0 + 15 * MINUTE;
    const edited = T0 + 12 * MINUTE;
    const result = await poll(newOrUpdated, bundle(), [
      {
        query: q.modified(T0 - 10 * MINUTE),
        body: [
          { id: 11, modified_gmt: gmt(edited) },
          // Still the version already delivered: not fetched.
          { id: 12, modified_gmt: gmt(T0 - HOUR) },
        ],
      },
      {
        query: q.fetch([11]),
        body: [post(11, T0 - 2 * HOUR, { modified_gmt: gmt(edited), title: { rendered: 'Edited' } })],
      },
    ]);
    // One version per post: a Zap turned on after the edit never saw the old one, and must not fire for it.
    expect(ids(result)).toEqual([change(11, edited), change(12, T0 - HOUR)]);
    expect(postIds(result)).toEqual([11, 12]);
    expect(result[0].title).toBe('Edited');
    // Nothing more to fetch: the next poll takes its turn.
    clock = T0 + 30 * MINUTE;
    await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 + 5 * MINUTE), body: [{ id: 11, modified_gmt: gmt(edited) }] },
      { query: q.ids(), body: idRows(12, 11) },
    ]);
  });

  it('a new post found by the ID index turn is delivered on the next poll', async () => {
    await start();
    clock = T0 + 15 * MINUTE;
    await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 - 10 * MINUTE), body: [] },
      { query: q.ids(), body: idRows(13, 12, 11) },
    ]);
    clock = T0 + 30 * MINUTE;
    const result = await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 + 5 * MINUTE), body: [] },
      { query: q.fetch([13]), body: [post(13, T0 - 30 * MINUTE)] },
    ]);
    expect(postIds(result)).toEqual([13, 12, 11]);
  });

  it('an edit of a post makes New Post fire never again, and New or Updated Post once', async () => {
    await startNewPost();
    await poll(newOrUpdated, bundle(), [
      { query: q.full('modified'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
    clock = T0 + 15 * MINUTE;
    const edited = T0 + 10 * MINUTE;
    const updated = await poll(newOrUpdated, bundle(), [
      { query: q.modified(T0 - 10 * MINUTE), body: [{ id: 5, modified_gmt: gmt(edited) }] },
      { query: q.fetch([5]), body: [post(5, T0 - 72 * HOUR, { modified_gmt: gmt(edited) })] },
    ]);
    expect(ids(updated)[0]).toBe(change(5, edited));
    const news = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(12, 11, 5) },
      { query: q.dates(T0 - 6 * HOUR), body: [] },
    ]);
    expect(ids(news)).toEqual([12, 11]);
  });
});

// ---------------------------------------------------------------------------- the window

describe('Post polls: what every poll returns again', () => {
  it('a second Zap on the same connection and filters gets the posts the first Zap fetched, from the cache', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    const zapA = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    clock = T0 + 16 * MINUTE;
    const zapB = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.dates(T0 - 6 * HOUR), body: [] },
    ]);
    expect(ids(zapB)).toEqual(ids(zapA));
    expect(zapB).toEqual(zapA);
  });

  it('only posts delivered in the last 24 hours come back; older ones do not', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    // 12 and 11 were delivered at T0, 13 a quarter of an hour later.
    clock = T0 + 24 * HOUR + 5 * MINUTE;
    const later = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.dates(T0 - 6 * HOUR), body: [] },
    ]);
    expect(ids(later)).toEqual([13]);
    clock = T0 + 24 * HOUR + 20 * MINUTE;
    const none = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.dates(T0 + 24 * HOUR + 5 * MINUTE - 6 * HOUR), body: [] },
    ]);
    expect(none).toEqual([]);
  });

  it('a render missing from the cache is fetched again on a later poll, not lost', async () => {
    await startNewPost();
    clock = T0 + 15 * MINUTE;
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    const key = renderKeyOf(13);
    expect(key).toBeDefined();
    delete cache()[key!];
    clock = T0 + 30 * MINUTE;
    const without = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.dates(T0 - 6 * HOUR), body: [] },
    ]);
    expect(ids(without)).toEqual([12, 11]);
    clock = T0 + 45 * MINUTE;
    const again = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(13, 12, 11, 5) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    expect(ids(again)).toEqual([13, 12, 11]);
  });
});

// ---------------------------------------------------------------------------- password-protected

describe('Post polls: password-protected posts', () => {
  it('are fetched once, left out, and never fetched again', async () => {
    await startNewPost(bundle(), [locked(14, T0 - 30 * MINUTE), ...recent()]);
    clock = T0 + 15 * MINUTE;
    const first = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(15, 14, 12, 11, 5) },
      { query: q.fetch([15]), body: [locked(15, T0 + 10 * MINUTE)] },
    ]);
    expect(ids(first)).toEqual([12, 11]);
    clock = T0 + 30 * MINUTE;
    const next = await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(15, 14, 12, 11, 5) },
      {
        query: q.dates(T0 - 6 * HOUR),
        body: [15, 14, 12, 11].map((id) => ({ id, date_gmt: gmt(T0), modified_gmt: gmt(T0) })),
      },
    ]);
    expect(ids(next)).toEqual([12, 11]);
    expect(state().pending).toEqual([]);
    await poll(newPost, bundle(), [
      { query: q.ids(), body: idRows(15, 14, 12, 11, 5) },
      { query: q.dates(T0 + 30 * MINUTE - 6 * HOUR), body: [] },
    ]);
  });

  it('are delivered with Include Password-Protected Posts = Yes', async () => {
    const b = () => bundle({ include_protected: 'yes' });
    const first = await startNewPost(b(), [locked(14, T0 - 30 * MINUTE), ...recent()]);
    expect(ids(first)).toEqual([14, 12, 11, 5]);
    clock = T0 + 15 * MINUTE;
    const result = await poll(newPost, b(), [
      { query: q.ids(), body: idRows(15, 14, 12, 11, 5) },
      { query: q.fetch([15]), body: [locked(15, T0 + 10 * MINUTE)] },
    ]);
    expect(result.map((p) => [p.id, p.password_protected])).toEqual([
      [15, true],
      [14, true],
      [12, false],
      [11, false],
    ]);
  });
});

// ---------------------------------------------------------------------------- meta.limit

describe('Post polls: meta.limit', () => {
  it('caps the fetch and the result; a burst bigger than the limit is delivered over several polls, nothing lost', async () => {
    const b = () => bundle({}, { limit: 2 });
    await poll(
      newPost,
      b(),
      [
        { query: q.full('date', 2), body: [post(11, T0 - HOUR), post(10, T0 - 2 * HOUR)] },
        { query: q.ids(), body: idRows(11, 10) },
      ],
      true,
    );
    const burst = range(16, 12);
    const at = (id: number) => T0 + id * MINUTE;
    const delivered: unknown[] = [];
    const batches = [[16, 15], [14, 13], [], [12]];
    for (const [i, batch] of batches.entries()) {
      clock = T0 + (20 + 15 * i) * MINUTE;
      const second = batch.length
        ? { query: q.fetch(batch), body: batch.map((id) => post(id, at(id))) }
        : // Every third poll the date index takes its turn, even with posts waiting to be fetched:
          // on a busy site it would otherwise never run. The waiting post comes on the next poll.
          { query: q.dates(clock - 6 * HOUR), body: burst.map((id) => ({ id, date_gmt: gmt(at(id)) })) };
      const result = await poll(newPost, b(), [{ query: q.ids(), body: idRows(...burst, 11, 10) }, second]);
      expect(result.length).toBeLessThanOrEqual(2);
      // This poll's batch is always part of what it returns.
      expect(ids(result)).toEqual(expect.arrayContaining(batch));
      delivered.push(...ids(result));
    }
    expect([...new Set(delivered)].sort()).toEqual(burst.sort());
    expect(state().pending).toEqual([]);
  });

  it('with limit 1, the newest post delivered is the one returned', async () => {
    const b = () => bundle({}, { limit: 1 });
    await poll(
      newPost,
      b(),
      [
        { query: q.full('date', 1), body: [post(12, T0 - HOUR)] },
        { query: q.ids(), body: idRows(12, 11) },
      ],
      true,
    );
    clock = T0 + 15 * MINUTE;
    const result = await poll(newPost, b(), [
      { query: q.ids(), body: idRows(13, 12, 11) },
      { query: q.fetch([13]), body: [post(13, T0 + 10 * MINUTE)] },
    ]);
    expect(ids(result)).toEqual([13]);
  });
});

// ---------------------------------------------------------------------------- whose state

describe('Post polls: one state per site, user, trigger, post type and filters', () => {
  const keyOf = (
    b: ReturnType<typeof bundle>,
    order: PostPollOrder,
    filters: Record<string, string | number>,
    { includeProtected = false, postType = 'post' } = {},
  ) =>
    pollKeys(b as unknown as Bundle, { order, postType, filters: { status: 'publish', ...filters }, includeProtected })
      ?.state;

  it('differs per user, site, trigger, post type and filter; a username in another case is the same user', () => {
    const base = keyOf(bundle(), 'date', {});
    expect(base).toMatch(/^wp-post-poll:v1:\w{24}:\w{24}$/);
    const others = [
      keyOf(bundle({}, {}, authData({ username: 'bob' })), 'date', {}),
      keyOf(bundle({}, {}, authData({ rest_root: 'https://example.org/wp-json/' })), 'date', {}),
      keyOf(bundle(), 'modified', {}),
      keyOf(bundle(), 'date', { status: 'draft' }),
      keyOf(bundle(), 'date', { categories: '3' }),
      keyOf(bundle(), 'date', { tags: '7' }),
      keyOf(bundle(), 'date', { author: 2 }),
      keyOf(bundle(), 'date', {}, { includeProtected: true }),
      keyOf(bundle(), 'date', {}, { postType: 'page' }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
    expect(keyOf(bundle({}, {}, authData({ username: 'Edith' })), 'date', {})).toBe(base);
    expect(keyOf(bundle({}, {}, authData({ rest_root: '' })), 'date', {})).toBeUndefined();
  });

  it('another user of the same site starts with a full poll of their own', async () => {
    await startNewPost();
    const bob = bundle({}, {}, authData({ username: 'bob' }));
    await poll(newPost, bob, [
      { query: q.full('date'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
    expect(stateKeys()).toHaveLength(2);
  });

  it('New Post and New or Updated Post never share cursors', async () => {
    await startNewPost();
    await poll(newOrUpdated, bundle(), [
      { query: q.full('modified'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
  });

  it('a Zap on another category, or with password-protected posts, starts with a full poll of its own', async () => {
    await startNewPost();
    await poll(newPost, bundle({ categories: ['4'] }), [
      { query: q.full('date', 50, { categories: '4' }), body: recent() },
      { query: q.ids({ categories: '4' }), body: idRows(12, 11, 5) },
    ]);
    await poll(newPost, bundle({ include_protected: 'yes' }), [
      { query: q.full('date'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
  });

  it('a Zap on Pages never shares the cursors of a Zap on Posts', async () => {
    await startNewPost();
    const pages = [post(40, T0 - HOUR, { type: 'page' })];
    const result = await poll(newPost, bundle({ post_type: 'page' }), [
      { query: q.full('date'), body: pages, path: '/wp-json/wp/v2/pages' },
      { query: q.ids(), body: idRows(40), path: '/wp-json/wp/v2/pages' },
    ]);
    expect(ids(result)).toEqual([40]);
  });

  it('a state of another shape is ignored: the full poll runs and a new state replaces it', async () => {
    await startNewPost();
    const [key] = stateKeys();
    const { delivered: _delivered, ...older } = state();
    cache()[key] = JSON.stringify({ ...older, v: 0 });
    await poll(newPost, bundle(), [
      { query: q.full('date'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
    expect(JSON.parse(stateText())).toMatchObject({ v: 1, delivered: expect.any(Array) });
    cache()[key] = JSON.stringify(older);
    await poll(newPost, bundle(), [
      { query: q.full('date'), body: recent() },
      { query: q.ids(), body: idRows(12, 11, 5) },
    ]);
  });
});
