// What the Create Post tests share: the step run with an input, its message when it fails, and the
// post write as WordPress expects it (or refuses it).
import nock from 'nock';
import type { PostWriteOutput } from '../../../src/zap/post_write';
import { POST_WRITE_QUERY, createPerform, wpDraft } from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';

export const createPost = createPerform('create_post');
export const run = (input: Record<string, unknown>) => appTester(createPost, bundle(input)) as Promise<PostWriteOutput>;
export const fails = async (input: Record<string, unknown>) => {
  const message = userMessage(await caught(() => run(input)));
  expectCleanMessage(message);
  return message;
};

export type Body = Record<string, unknown>;

/** Expects one POST /wp/v2/posts with exactly this body; answers with the post. */
export function expectCreate(
  body: Body,
  answer: Partial<Parameters<typeof wpDraft>[0]> = {},
  query: Record<string, string> = POST_WRITE_QUERY,
  route = '/wp-json/wp/v2/posts',
) {
  return wp()
    .post(route, (sent: Body) => {
      expect(sent).toEqual(body);
      return true;
    })
    .query(query)
    .matchHeader('authorization', `Bearer ${TOKEN}`)
    .matchHeader('content-type', /application\/json/)
    .reply(201, wpDraft({ id: 500, ...answer }));
}

/** WordPress refusing the post write. */
export const refuse = (status: number, body: unknown) =>
  wp()
    .post('/wp-json/wp/v2/posts')
    .query(true)
    .reply(status, body as nock.Body);
