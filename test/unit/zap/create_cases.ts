// The creates in the lost-answer tests: each write's request, its healthy answer, and what its
// lookup finds when the item is there and when it is not.
import { COMMENT_QUERY } from '../../../src/wordpress/comment';
import { MEDIA_QUERY } from '../../../src/wordpress/media_item';
import { TERM_FIELDS } from '../../../src/wordpress/term_item';
import { POST_WRITE_QUERY, USER_WRITE_QUERY, wpComment, wpPost, wpUser } from '../fixtures';
import { wp } from '../helpers';
import { FILES, Write, now, siteClock } from './lost_answer_cases';

const media = {
  id: 88,
  source_url: 'https://example.com/wp-content/uploads/2026/12/spring-1.png',
  title: { rendered: 'spring' },
};
export const createPost: Write = {
  key: 'create_post',
  input: { title: 'A<B & C>D', status: 'publish' },
  write: () => wp().post('/wp-json/wp/v2/posts').query(POST_WRITE_QUERY),
  answer: wpPost({ id: 500, title: { rendered: 'A&lt;B &amp; C&gt;D' } }),
  what: 'the post "A<B & C>D"',
  lookup: (there) => [
    wp()
      .get('/wp-json/wp/v2/posts')
      .query((q) => q.orderby === 'id' && q.context === 'edit')
      .reply(
        200,
        there
          ? [
              { id: 501, title: { raw: 'Another', rendered: 'Another' }, slug: '', author: 2, modified_gmt: now() },
              // WordPress kept the markup-like text for an editor; the title is matched as sent.
              { id: 500, title: { raw: 'A<B & C>D', rendered: 'A&lt;B' }, slug: '', author: 2, modified_gmt: now() },
              // The same title from a run an hour ago is not this one.
              {
                id: 400,
                title: { raw: 'A<B & C>D', rendered: 'x' },
                slug: '',
                author: 2,
                modified_gmt: '2020-01-01T00:00:00',
              },
            ]
          : [],
        siteClock(),
      ),
    ...(there
      ? [
          wp()
            .get('/wp-json/wp/v2/posts/500')
            .query(POST_WRITE_QUERY)
            .reply(200, wpPost({ id: 500 })),
        ]
      : []),
  ],
};

export const uploadMedia: Write = {
  key: 'upload_media',
  input: { file: `${FILES}/spring.png` },
  write: () => wp().post('/wp-json/wp/v2/media').query(MEDIA_QUERY),
  answer: media,
  what: 'the file spring.png',
  lookup: (there) => [
    wp()
      .get('/wp-json/wp/v2/media')
      .query((q) => q.orderby === 'id')
      .reply(200, there ? [{ id: 88, source_url: media.source_url, date_gmt: now() }] : [], siteClock()),
    ...(there ? [wp().get('/wp-json/wp/v2/media/88').query(MEDIA_QUERY).reply(200, media)] : []),
  ],
};

export const createComment: Write = {
  key: 'create_comment',
  input: { post: 8, content: 'Great & <b>true</b>' },
  write: () => wp().post('/wp-json/wp/v2/comments').query(COMMENT_QUERY),
  answer: wpComment({ id: 31 }),
  what: 'the comment on post 8',
  lookup: (there) => [
    wp()
      .get('/wp-json/wp/v2/comments')
      .query((q) => q.post === '8' && q.context === 'edit' && q.status === 'all')
      .reply(
        200,
        there ? [{ id: 31, parent: 0, content: { raw: 'Great & <b>true</b>' }, date_gmt: now() }] : [],
        siteClock(),
      ),
    ...(there
      ? [
          wp()
            .get('/wp-json/wp/v2/comments/31')
            .query(COMMENT_QUERY)
            .reply(200, wpComment({ id: 31 })),
        ]
      : []),
  ],
};

export const createUser: Write = {
  key: 'create_user',
  input: { username: 'zoe', email: 'zoe@example.org' },
  write: () => wp().post('/wp-json/wp/v2/users').query(USER_WRITE_QUERY),
  answer: wpUser({ id: 9, username: 'zoe' }),
  what: 'the user "zoe"',
  lookup: (there) => [
    wp()
      .get('/wp-json/wp/v2/users')
      .query((q) => q.search === 'zoe' && q.context === 'edit')
      .reply(
        200,
        there ? [wpUser({ id: 9, username: 'zoe', email: 'zoe@example.org', registered_date: `${now()}+00:00` })] : [],
        siteClock(),
      ),
  ],
};

const poetry = { id: 12, name: 'Poetry', slug: 'poetry', taxonomy: 'post_tag', count: 0 };
/** The tags named Poetry, as Create Term's lookup and its check for a twin ask for them. */
const poetryTags = (found: object[]) =>
  wp()
    .get('/wp-json/wp/v2/tags')
    .query((q) => q.search === 'Poetry')
    .reply(200, found);

export const createTerm: Write = {
  key: 'create_term',
  input: { taxonomy: 'tags', name: 'Poetry' },
  write: () => wp().post('/wp-json/wp/v2/tags').query({ _fields: TERM_FIELDS }),
  answer: poetry,
  // A healthy create looks once for an older namesake (a twin made at the same moment).
  after: () => poetryTags([poetry]),
  what: 'the term "Poetry" in Tags',
  lookup: (there) => [poetryTags(there ? [poetry] : [])],
};

export const CREATES = [createPost, uploadMedia, createComment, createUser, createTerm];
