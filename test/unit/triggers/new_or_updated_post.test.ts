// New or Updated Post: ordered by modification, one item per version of a post.
import app from '../../../index';
import { POST_EMBED, POST_FIELDS, postOutput } from '../../../src/wordpress/post';
import { triggerPerform, wpPost } from '../fixtures';
import { appTester, bundle, wp } from '../helpers';

const newOrUpdated = triggerPerform('new_or_updated_post');
type Out = Array<Record<string, unknown>>;

describe('New or Updated Post', () => {
  it('asks for the most recently modified posts, in one request', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query({
        _fields: POST_FIELDS,
        _embed: POST_EMBED,
        per_page: '50',
        page: '1',
        orderby: 'modified',
        order: 'desc',
        status: 'publish',
        ignore_sticky: 'true',
      })
      .reply(200, [
        wpPost({ id: 4, modified_gmt: '2026-03-16T10:00:00' }),
        wpPost({ id: 8, modified_gmt: '2026-03-17T10:00:00' }),
      ]);
    const result = (await appTester(newOrUpdated, bundle())) as Out;
    expect(result.map((p) => [p.id, p.post_id])).toEqual([
      ['8-2026-03-17T10:00:00+00:00', 8],
      ['4-2026-03-16T10:00:00+00:00', 4],
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives every edit of a post a new id, so each fires once, while post_id stays', async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [wpPost({ id: 8, modified_gmt: '2026-03-17T10:00:00' })]);
    const [first] = (await appTester(newOrUpdated, bundle())) as Out;
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [wpPost({ id: 8, modified_gmt: '2026-03-17T10:05:00', title: { rendered: 'Edited' } })]);
    const [second] = (await appTester(newOrUpdated, bundle())) as Out;
    expect(first.id).not.toBe(second.id);
    expect(first.post_id).toBe(second.post_id);
    expect(second.title).toBe('Edited');
  });

  it('leaves password-protected posts out unless asked to include them', async () => {
    const hidden = { rendered: '', protected: true };
    const posts = [
      wpPost({ id: 8, modified_gmt: '2026-03-17T10:00:00', content: hidden, excerpt: hidden }),
      wpPost({ id: 4, modified_gmt: '2026-03-16T10:00:00' }),
    ];
    wp()
      .get('/wp-json/wp/v2/posts')
      .query((q) => q._embed !== undefined)
      .twice()
      .reply(200, posts);
    expect(((await appTester(newOrUpdated, bundle())) as Out).map((p) => p.post_id)).toEqual([4]);
    const all = (await appTester(newOrUpdated, bundle({ include_protected: 'yes' }))) as Out;
    expect(all.map((p) => [p.post_id, p.password_protected])).toEqual([
      [8, true],
      [4, false],
    ]);
  });

  it("shares New Post's inputs, and its output fields apart from the id", () => {
    const trigger = app.triggers!.new_or_updated_post.operation;
    const newPost = app.triggers!.new_post.operation;
    expect(trigger.inputFields).toBe(newPost.inputFields);
    const fields = trigger.outputFields as Array<{ key: string; label: string }>;
    expect(fields.find((f) => f.key === 'id')?.label).toMatch(/Change ID/);
    expect(fields.filter((f) => f.key !== 'id')).toEqual(
      (newPost.outputFields as Array<{ key: string }>).filter((f) => f.key !== 'id'),
    );
    expect(trigger.sample).toMatchObject({ id: `1234-${postOutput.sample.modified_gmt}`, post_id: 1234 });
  });
});
