// The share text on every post output, against the real WordPress 6.1 of the bench (site "main"):
// Create Post, Find Post and New Post give the same text for the same post, the title cut at a
// word when it would leave no room for the link, hashtags only where they still fit. Posts and tags
// made here carry a per-run stamp and are found by their own IDs.
import app from '../../index';
import type { PostOutput } from '../../src/wordpress/post';
import { connect, requireWordPress, rest, run } from './harness';

jest.setTimeout(60_000);

// Fixed length (14 characters), so the cut below is the same in every run.
const STAMP = `s${Date.now().toString(36).padStart(9, '0')}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
type Perform = Parameters<typeof run>[0];

function operation(kind: 'triggers' | 'creates' | 'searches', key: string): Perform {
  const op = app[kind]?.[key]?.operation;
  if (!op) throw new Error(`no ${kind} ${key}`);
  return (op as { perform: Perform }).perform;
}

const posts: number[] = [];
const tags = new Set<number>();

async function createPost(input: Record<string, unknown>): Promise<PostOutput> {
  const post = await run<PostOutput>(operation('creates', 'create_post'), { status: 'publish', ...input });
  posts.push(post.id);
  for (const tag of post.tags) tags.add(tag);
  return post;
}

/** The same post through Find Post and New Post. */
async function everywhere(id: number): Promise<string[]> {
  const [found] = await run<PostOutput[]>(operation('searches', 'find_post'), { post_id: String(id) });
  const polled = (await run<PostOutput[]>(operation('triggers', 'new_post'))).find((p) => p.id === id);
  return [found?.share_text ?? 'not found', polled?.share_text ?? 'not polled'];
}

beforeAll(async () => {
  expect(STAMP).toHaveLength(14);
  await requireWordPress('main');
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of posts) await rest(auth, `wp/v2/posts/${id}`, { method: 'DELETE', query: { force: 'true' } });
  for (const id of tags) await rest(auth, `wp/v2/tags/${id}`, { method: 'DELETE', query: { force: 'true' } });
});

describe('share_text', () => {
  it('is the title, the permalink and every hashtag when all fit, the same in a write, a search and a poll', async () => {
    const post = await createPost({
      title: `Spring launch ${STAMP}`,
      tags: [`Zap ${STAMP}`, `東京${STAMP}`],
    });
    const expected = `Spring launch ${STAMP} ${post.link} #Zap${STAMP} #東京${STAMP}`;
    expect(post.share_text).toBe(expected);
    expect(await everywhere(post.id)).toEqual([expected, expected]);
  });

  it('cuts a title too long for the link at a whole word with "…"; hashtags fill what is left', async () => {
    // The stamp (14), 12 × "Spring collection" with their spaces (1 + 215), " ready" (6): 236. The
    // long word after it does not fit: the title is cut before it. With "…" (2), a space and the
    // link (23): 262, leaving 18 of 280. " #Go" and the stamp is exactly 18; " #東京" and the stamp
    // weighs 20 (a CJK character counts 2), so it is left out although it comes first.
    const start = `${STAMP} ${Array(12).fill('Spring collection').join(' ')} ready`;
    expect(start).toHaveLength(236);
    const title = `${start} Supercalifragilisticexpialidocious`;
    const post = await createPost({ title, tags: [`東京${STAMP}`, `Go${STAMP}`] });
    const expected = `${start}… ${post.link} #Go${STAMP}`;
    expect(post.title).toBe(title);
    expect(post.share_text).toBe(expected);
    expect(await everywhere(post.id)).toEqual([expected, expected]);
  });
});
