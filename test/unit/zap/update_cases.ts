// The updates in the lost-answer tests (an update, and a delete, is settled by reading the item
// back): each write's request, its healthy answer, and the item read back applied or not.
import { COMMENT_QUERY } from '../../../src/wordpress/comment';
import { DELETE_QUERY, POST_WRITE_QUERY, USER_WRITE_QUERY, restError, wpComment, wpPost, wpUser } from '../fixtures';
import { wp } from '../helpers';
import { Write } from './lost_answer_cases';

export const UPDATES: Write[] = [
  {
    key: 'update_user',
    update: true,
    input: { user_id: 5, description: 'New bio & more' },
    write: () => wp().post('/wp-json/wp/v2/users/5', { description: 'New bio & more' }).query(USER_WRITE_QUERY),
    answer: wpUser({ id: 5, description: 'New bio & more' }),
    what: 'user 5',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/users/5')
        .query(USER_WRITE_QUERY)
        .reply(200, wpUser({ id: 5, description: there ? 'New bio & more' : 'Old bio' })),
    ],
  },
  {
    key: 'update_post',
    update: true,
    input: { post_id: 42, title: 'Fresh title' },
    write: () => wp().post('/wp-json/wp/v2/posts/42', { title: 'Fresh title' }).query(POST_WRITE_QUERY),
    answer: wpPost({ id: 42, title: { rendered: 'Fresh title' } }),
    what: 'post 42',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/posts/42')
        .query({ ...POST_WRITE_QUERY, context: 'edit' })
        .reply(200, wpPost({ id: 42, title: { raw: there ? 'Fresh title' : 'Old title', rendered: 'x' } })),
    ],
  },
  {
    key: 'update_comment',
    update: true,
    input: { comment_id: 31, content: 'Edited & <b>new</b>', status: 'Spam' },
    write: () => wp().post('/wp-json/wp/v2/comments/31').query(COMMENT_QUERY),
    answer: wpComment({ id: 31, status: 'spam' }),
    what: 'comment 31',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/comments/31')
        .query({ ...COMMENT_QUERY, context: 'edit' })
        .reply(
          200,
          wpComment({
            id: 31,
            status: there ? 'spam' : 'approved',
            content: { raw: there ? 'Edited & <b>new</b>' : 'Old', rendered: 'x' },
          }),
        ),
    ],
  },
  {
    key: 'update_comment',
    update: true,
    input: { comment_id: 32, status: 'Trash' },
    write: () => wp().delete('/wp-json/wp/v2/comments/32').query(COMMENT_QUERY),
    answer: wpComment({ id: 32, status: 'trash' }),
    what: 'comment 32',
    lookup: (there) => [
      wp()
        .get('/wp-json/wp/v2/comments/32')
        .query({ ...COMMENT_QUERY, context: 'edit' })
        .reply(200, wpComment({ id: 32, status: there ? 'trash' : 'approved' })),
    ],
  },
  deletePost(42, false),
  deletePost(43, true),
];

/**
 * Delete Post of `id`, to the trash or for good (`force`). Read back, the delete applied is the post
 * in the trash, or gone; not applied, it is still published.
 */
function deletePost(id: number, force: boolean): Write {
  const route = `/wp-json/wp/v2/posts/${id}`;
  const read = () => wp().get(route).query(DELETE_QUERY.read);
  const readBack = (there: boolean) => {
    if (!there) return read().reply(200, wpPost({ id }));
    return force
      ? read().reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404))
      : read().reply(200, wpPost({ id, status: 'trash' }));
  };
  return {
    key: 'delete_post',
    update: true,
    input: force ? { post_id: id, force: 'yes' } : { post_id: id },
    write: () =>
      wp()
        .delete(route)
        .query(force ? DELETE_QUERY.force : DELETE_QUERY.trash),
    answer: force ? { deleted: true, previous: wpPost({ id }) } : wpPost({ id, status: 'trash' }),
    what: `post ${id}`,
    lookup: (there) => [readBack(there)],
  };
}
