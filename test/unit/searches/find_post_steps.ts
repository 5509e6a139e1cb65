// What the Find Post tests share: the search run with an input, the IDs it found, and the queries
// it sends WordPress (a list, and a title search in the edit context).
import type { PostOutput } from '../../../src/wordpress/post';
import { POST_WRITE_QUERY, searchPerform } from '../fixtures';
import { appTester, bundle } from '../helpers';

export const findPost = searchPerform('find_post');
export const run = (input: Record<string, unknown>) => appTester(findPost, bundle(input)) as Promise<PostOutput[]>;
export const ids = (posts: PostOutput[]) => posts.map((p) => p.id);

export const listQuery = (overrides: Record<string, string>) => ({
  ...POST_WRITE_QUERY,
  order: 'desc',
  status: 'any',
  ...overrides,
});
/** A title search: in edit context (for `title.raw`), without the raw content and excerpt. */
export const titleQuery = (overrides: Record<string, string>) =>
  listQuery({
    context: 'edit',
    _fields: POST_WRITE_QUERY._fields.replace(
      ',content,excerpt,',
      ',content.rendered,content.protected,excerpt.rendered,excerpt.protected,',
    ),
    ...overrides,
  });
