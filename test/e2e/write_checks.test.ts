// Writes happen once, against the real WordPress (site "main", time zone Europe/Berlin): a write
// WordPress accepted is never a failed step (what it dropped is a warning on the output), and what
// it would get wrong without a word is refused before anything is written. Also: password-protected
// posts and the post triggers, and a Create User password mapped from an earlier step.
import { readFileSync } from 'node:fs';
import app from '../../index';
import { createPost } from '../../src/creates/create_post';
import { createUser } from '../../src/creates/create_user';
import { updatePost } from '../../src/creates/update_post';
import type { PostWriteOutput } from '../../src/zap/post_write';
import type { UserWriteOutput } from '../../src/zap/user_write';
import { caught, connect, perform, requireWordPress, rest, run, sites, userMessage } from './harness';
import { OUTPUT_LOG } from './logs';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
type Item = Record<string, unknown>;

const madePosts: number[] = [];
const madeUsers: number[] = [];

beforeAll(() => requireWordPress('main'));

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of madePosts) await rest(auth, `wp/v2/posts/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const id of madeUsers) {
    await rest(auth, `wp/v2/users/${id}`, { method: 'DELETE', query: { force: 'true', reassign: '1' } });
  }
});

/** Every post (any status) whose raw title is exactly `title`. */
async function postsTitled(title: string): Promise<Array<{ id: number; status: string }>> {
  const { data } = await rest<Array<{ id: number; status: string; title: { raw: string } }>>(
    await connect('main', 'administrator'),
    'wp/v2/posts',
    { query: { search: RUN, status: 'any', context: 'edit', per_page: '100', _fields: 'id,status,title' } },
  );
  return data.filter((post) => post.title.raw === title);
}

/** The wall-clock time in the site's zone `minutes` from now, as a person types it: no zone. */
function siteClock(minutes: number): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: sites.main.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.now() + minutes * 60_000));
  return parts.replace(',', ''); // "2026-11-29 09:30"
}

describe('a write WordPress accepted is never a failed step', () => {
  it('an unregistered custom field: the post is created once, and the output warns that the field was not saved', async () => {
    const title = `E2E ${RUN} unregistered field`;
    const out = await run<PostWriteOutput>(
      perform(createPost),
      { title, meta: { wpjz_source: `zap ${RUN}`, [`not_registered_${RUN}`]: 'x' } },
      { user: 'editor' },
    );
    madePosts.push(out.id);
    expect(out.warnings).toEqual([
      `Custom Fields: WordPress did not save "not_registered_${RUN}", because it is not registered for the REST API. A developer must register it with register_post_meta and show_in_rest => true; until then, set it in WordPress.`,
    ]);
    expect(await postsTitled(title)).toEqual([expect.objectContaining({ id: out.id })]);
  });

  it('a write where everything was applied has an empty warnings list', async () => {
    const out = await run<PostWriteOutput>(perform(createPost), { title: `E2E ${RUN} clean` }, { user: 'editor' });
    madePosts.push(out.id);
    expect(out.warnings).toEqual([]);
  });

  it('a category picked from the dropdown and deleted since: created by its ID as a name, with a warning; reused without one', async () => {
    const admin = await connect('main', 'administrator');
    const picked = await rest<{ id: number }>(admin, 'wp/v2/categories', {
      method: 'POST',
      body: { name: `E2E ${RUN} picked` },
    });
    const id = picked.data.id;
    await rest(admin, `wp/v2/categories/${id}`, { method: 'DELETE', query: { force: 'true' } });
    const made: number[] = [];
    try {
      const out = await run<PostWriteOutput>(
        perform(createPost),
        { title: `E2E ${RUN} deleted pick`, categories: [String(id)] },
        { user: 'editor' },
      );
      madePosts.push(out.id);
      made.push(...out.categories);
      expect(out.category_names).toEqual([String(id)]);
      expect(out.warnings).toEqual([
        `Categories: no category has ID ${id}, so a category named "${id}" was created and assigned. If you picked it from the dropdown, it was deleted since: pick the category again.`,
      ]);
      const again = await run<PostWriteOutput>(
        perform(createPost),
        { title: `E2E ${RUN} deleted pick again`, categories: [String(id)] },
        { user: 'editor' },
      );
      madePosts.push(again.id);
      expect(again.categories).toEqual(out.categories);
      expect(again.warnings).toEqual([]);
    } finally {
      for (const term of made) {
        await rest(admin, `wp/v2/categories/${term}`, { method: 'DELETE', query: { force: 'true' } });
      }
    }
  });
});

describe('what WordPress would get wrong silently is refused before anything is written', () => {
  it('Scheduled with a past Publish Date: refused, and neither the post nor its new tag exists', async () => {
    const title = `E2E ${RUN} scheduled in the past`;
    const tag = `E2E never ${RUN}`;
    const err = await caught(() =>
      run(perform(createPost), { title, status: 'future', date: '2020-01-01 10:00', tags: [tag] }, { user: 'editor' }),
    );
    expect(userMessage(err)).toBe(
      'Publish Date: 2020-01-01 10:00:00 (site time, Europe/Berlin) is in the past: with Status Scheduled, WordPress would publish the post at once instead of scheduling it. ' +
        'Set Publish Date to a date and time at least a minute ahead, or set Status to Published to publish it now.',
    );
    expect(await postsTitled(title)).toEqual([]);
    const tags = await rest<unknown[]>(await connect('main', 'administrator'), 'wp/v2/tags', {
      query: { search: tag, _fields: 'id' },
    });
    expect(tags.data).toEqual([]);
  });

  it("reads a date without a zone in the site's zone: 30 minutes ago there is refused, 30 minutes ahead is scheduled", async () => {
    // Berlin is ahead of UTC: its clock 30 minutes ago, read as UTC, would wrongly count as ahead.
    const past = `E2E ${RUN} site clock past`;
    const err = await caught(() =>
      run(perform(createPost), { title: past, status: 'future', date: siteClock(-30) }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(/^Publish Date: .* \(site time, Europe\/Berlin\) is in the past/);
    expect(await postsTitled(past)).toEqual([]);

    const ahead = await run<PostWriteOutput>(
      perform(createPost),
      { title: `E2E ${RUN} site clock ahead`, status: 'future', date: siteClock(30) },
      { user: 'editor' },
    );
    madePosts.push(ahead.id);
    expect(ahead).toMatchObject({ status: 'future', warnings: [] });
    const minutesAhead = (Date.parse(ahead.date_gmt ?? '') - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(25);
    expect(minutesAhead).toBeLessThan(31);
  });

  it('Update Post to Scheduled without a date, on a post dated in the past: refused, the post stays published', async () => {
    const post = await run<PostWriteOutput>(
      perform(createPost),
      { title: `E2E ${RUN} published`, status: 'publish' },
      { user: 'editor' },
    );
    madePosts.push(post.id);
    const err = await caught(() =>
      run(perform(updatePost), { post_id: post.id, status: 'future' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(
      new RegExp(`^Status is Scheduled but Publish Date is empty, and post ${post.id} is dated .* UTC, in the past`),
    );
    const { data } = await rest<{ status: string }>(await connect('main', 'editor'), `wp/v2/posts/${post.id}`, {
      query: { _fields: 'status' },
    });
    expect(data.status).toBe('publish');
  });

  it('a featured image ID that is not in the media library: refused, no post', async () => {
    const title = `E2E ${RUN} missing media`;
    const err = await caught(() =>
      run(perform(createPost), { title, featured_image: '987654321' }, { user: 'editor' }),
    );
    expect(userMessage(err)).toMatch(/^Featured Image: the media library has no item with ID 987654321/);
    expect(await postsTitled(title)).toEqual([]);
  });
});

describe('password-protected posts and the post triggers', () => {
  let protectedId: number;
  let openId: number;
  const poll = (input: Item = {}) => run<Item[]>(perform(app.triggers!.new_post!), input, { user: 'editor' });
  const ours = (items: Item[]) => items.filter((item) => String(item.title).includes(RUN));

  beforeAll(async () => {
    const auth = await connect('main', 'editor');
    const make = async (title: string, extra: Item) => {
      const { data } = await rest<{ id: number }>(auth, 'wp/v2/posts', {
        method: 'POST',
        body: { title, content: '<p>The body.</p>', excerpt: 'The excerpt.', status: 'publish', ...extra },
      });
      madePosts.push(data.id);
      return data.id;
    };
    openId = await make(`E2E ${RUN} open`, {});
    protectedId = await make(`E2E ${RUN} protected`, { password: `pw-${RUN}` });
  });

  it('New Post leaves a protected post out by default', async () => {
    const ids = ours(await poll()).map((post) => post.id);
    expect(ids).toContain(openId);
    expect(ids).not.toContain(protectedId);
  });

  it('New Post includes it with Include Password-Protected Posts = Yes, marked, with the body WordPress hides empty', async () => {
    const found = ours(await poll({ include_protected: 'yes' }));
    expect(found.find((post) => post.id === protectedId)).toMatchObject({
      password_protected: true,
      content_html: '',
      excerpt_text: '',
    });
    expect(found.find((post) => post.id === openId)).toMatchObject({
      password_protected: false,
      content_text: 'The body.',
    });
  });
});

describe('Create User takes a password mapped from an earlier step', () => {
  it('is a plain text input, the password works for logging in, and appears in no output or log', async () => {
    const fields = (createUser.operation.inputFields ?? []) as Array<{ key: string; type?: string }>;
    expect(fields.find((field) => field.key === 'password')?.type).toBe('string');
    // What a mapped value is at run time: text from the earlier step's output.
    const password = `Mapped ${RUN} pässwörd ✓`;
    const username = `e2e_mapped_${RUN}`;
    const user = await run<UserWriteOutput>(perform(createUser), {
      username,
      email: `mapped.${RUN}@example.com`,
      password,
    });
    madeUsers.push(user.id);
    expect(user).toMatchObject({ username, warnings: [] });
    expect(JSON.stringify(user)).not.toContain(password);
    // The plugin takes the login as a form too.
    const login = await fetch(`${sites.main.url}/wp-json/jwt-auth/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({ username, password }),
    });
    expect(login.status).toBe(200);
    // Zapier's request and bundle logs of the run hold the body, with the password censored.
    expect(readFileSync(OUTPUT_LOG, 'utf8')).not.toContain(password);
  });
});
