// Find Post by exact title: WordPress's search, then only exact matches (texturized, kses-filtered,
// with angle brackets that are no markup), newest first, as the user may read them.
import { titleSearch } from '../../../src/searches/find_post';
import { forbiddenStatus, restError, wpDraft } from '../fixtures';
import { stripTags } from '../../../src/wordpress/text';
import { wp } from '../helpers';
import { run, ids, listQuery, titleQuery } from './find_post_steps';

describe('Find Post', () => {
  it('by exact title: WordPress searches, only exact matches (case, entities, spaces ignored) are kept, newest first', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(titleQuery({ search: 'Café Crème', per_page: '100', orderby: 'relevance', status: 'publish' }))
      .reply(200, [
        wpDraft({ id: 9, status: 'publish', title: { rendered: 'Café &amp; &#8220;Crème&#8221; — part 2' } }),
        wpDraft({ id: 8, status: 'publish', title: { rendered: 'CAFÉ  &amp; &#8220;crème&#8221;' } }),
        wpDraft({ id: 7, status: 'publish', title: { rendered: 'Café &amp; &#8220;Crème&#8221;' } }),
      ]);
    expect(ids(await run({ title: ' Café & “Crème” ', status: 'publish' }))).toEqual([8, 7]);
    expect(scope.isDone()).toBe(true);
  });

  // What WordPress 6.1 answers in `title.rendered` for each title (seen on the bench; `&` and `<` as an
  // Author's titles store them, as entities).
  it.each<[string, string]>([
    [`Don't "miss" it -- now...`, 'Don&#8217;t &#8220;miss&#8221; it &#8212; now&#8230;'],
    ['a--b', 'a&#8211;b'],
    ['a---b', 'a&#8212;b'],
    ['a----b', 'a&#8212;-b'],
    ['a - b', 'a &#8211; b'],
    ['Widget (tm)', 'Widget &#8482;'],
    ['1x2 10x20', '1&#215;2 10&#215;20'],
    [`it's 5' 6" tall`, 'it&#8217;s 5&#8242; 6&#8243; tall'],
    [`'quoted' "double"`, '&#8216;quoted&#8217; &#8220;double&#8221;'],
    [`the '90s`, 'the &#8217;90s'],
    ["``tex''", '&#8220;tex&#8221;'],
    ['A & B', 'A &#038; B'],
    ['a < b', 'a &lt; b'],
    ['<b>Bold</b> news', '<b>Bold</b> news'],
  ])('by exact title %j: found by its texturized title %j, and by that title typed', async (typed, rendered) => {
    const post = wpDraft({ id: 6, status: 'publish', title: { rendered } });
    wp().get('/wp-json/wp/v2/posts').query(true).times(2).reply(200, [post]);
    expect(ids(await run({ title: typed }))).toEqual([6]);
    expect(ids(await run({ title: stripTags(rendered) }))).toEqual([6]);
  });

  it('by exact title: a different dash, quote or ending is another title', async () => {
    const post = wpDraft({ id: 6, status: 'publish', title: { rendered: 'Don&#8217;t miss it &#8212; now&#8230;' } });
    wp().get('/wp-json/wp/v2/posts').query(true).times(5).reply(200, [post]);
    expect(await run({ title: "Don't miss it - now..." })).toEqual([]);
    expect(await run({ title: "Don't miss it -- now" })).toEqual([]);
    expect(await run({ title: 'Dont miss it -- now...' })).toEqual([]);
    expect(await run({ title: `Don"t miss it -- now...` })).toEqual([]);
    expect(ids(await run({ title: "Don't miss it -- now..." }))).toEqual([6]);
  });

  it('by exact title: WordPress ranks title matches first (relevance); of the exact matches the newest comes first', async () => {
    const published = (id: number, date_gmt: string | null, modified_gmt = '2026-03-01T00:00:00') =>
      wpDraft({ id, date_gmt, modified_gmt, title: { raw: 'Q&A', rendered: 'Q&#038;A' } });
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(titleQuery({ search: 'Q', per_page: '100', orderby: 'relevance' }))
      // Relevance order: within the title matches WordPress's own order, here the older first.
      .reply(200, [
        published(3, '2019-05-01T08:00:00'),
        wpDraft({ id: 9, title: { raw: 'Quarterly Q&A', rendered: 'Quarterly Q&#038;A' } }),
        published(5, '2024-05-01T08:00:00'),
        published(4, '2019-05-01T08:00:00'),
        // A draft without a set date counts from its last change.
        published(7, null, '2023-01-01T00:00:00'),
      ]);
    expect(ids(await run({ title: 'Q&A' }))).toEqual([5, 7, 4, 3]);
    expect(scope.isDone()).toBe(true);
  });

  it('by exact title without words: the newest posts by date (WordPress refuses relevance without a search)', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(titleQuery({ per_page: '100', orderby: 'date' }))
      .reply(200, [wpDraft({ id: 2, title: { raw: '...', rendered: '&#8230;' } })]);
    expect(ids(await run({ title: '...' }))).toEqual([2]);
    expect(scope.isDone()).toBe(true);
  });

  it('by exact title: a password-protected post keeps its content hidden, as the triggers give it', async () => {
    const post = wpDraft({
      id: 6,
      status: 'publish',
      title: { raw: 'Members only', rendered: 'Members only' },
      // What edit context answers an editor for a post with a password (seen on the bench).
      content: { rendered: '<p>the secret</p>', protected: true },
      excerpt: { rendered: '<p>secret excerpt</p>', protected: true },
    });
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, [post]);
    const [found] = await run({ title: 'Members only' });
    expect(found).toMatchObject({
      id: 6,
      password_protected: true,
      content_html: '',
      content_text: '',
      excerpt_html: '',
      excerpt_text: '',
    });
  });

  it('by exact title: title.raw (edit context) is the title as typed', async () => {
    const post = wpDraft({
      id: 6,
      status: 'publish',
      title: { raw: 'R&amp;D <em>now</em>', rendered: 'Something else' },
    });
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, [post]);
    expect(ids(await run({ title: 'r&d <em>NOW</em>' }))).toEqual([6]);
  });

  it.each<[string, string | undefined, string]>([
    [
      `Don't "miss" it -- now...`,
      'Don miss now',
      'a word starting with "-" would exclude, stop words and single letters dropped',
    ],
    ['Don’t “miss” it — now…', 'Don miss now', 'the texturized spelling gives the same words'],
    ['Widget(tm) 10x20 A&amp;B <b>bold</b>', 'Widget 10 20 bold', 'no (tm), no x between digits, no tags or entities'],
    ['Merger A<B & C>D ahead', 'Merger ahead', 'angle brackets that are no tag keep the words between them'],
    ['Why 2<3 but 5>4', 'Why', 'only words that an Author\'s title, which kses stores as "Why 24", holds too'],
    ['What is it?', 'What', 'only stop words: the longest, which WordPress searches as a phrase'],
    [
      'one two three four five six seven eight nine ten eleven',
      'three four five seven eight eleven',
      'the six longest: past six WordPress no longer ranks titles holding every word first',
    ],
    ['... -- !', undefined, 'no words: no search, the newest posts are compared'],
  ])('title %j is searched for as %j (%s)', (title, search) => {
    expect(titleSearch(title)).toBe(search);
  });

  it('by exact title with angle brackets that are no markup: searched, matched and output as typed', async () => {
    const query = titleQuery({ search: 'Why', per_page: '100', orderby: 'relevance' });
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(query)
      .reply(200, [
        wpDraft({ id: 7, status: 'publish', title: { raw: 'Why 2<3 but 5>4', rendered: 'Why 2<3 but 5>4' } }),
        wpDraft({ id: 8, status: 'publish', title: { raw: 'Why 24', rendered: 'Why 24' } }),
        wpDraft({ id: 9, status: 'publish', title: { rendered: 'A<B &#038; C>D' } }),
      ]);
    const found = await run({ title: 'Why 2<3 but 5>4' });
    expect(ids(found)).toEqual([7]);
    expect(found[0]?.title).toBe('Why 2<3 but 5>4');
    expect(scope.isDone()).toBe(true);
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [
        wpDraft({ id: 9, status: 'publish', title: { rendered: 'A<B &#038; C>D' } }),
        wpDraft({ id: 10, status: 'publish', title: { rendered: 'AD' } }),
      ]);
    const shown = await run({ title: 'A<B & C>D' });
    expect(ids(shown)).toEqual([9]);
    expect(shown[0]?.title).toBe('A<B & C>D');
  });

  it("by exact title: a title kses stored without its angle brackets (an Author's) is found when none matches as typed", async () => {
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(titleQuery({ search: 'Why', per_page: '100', orderby: 'relevance' }))
      .reply(200, [
        wpDraft({ id: 8, status: 'publish', title: { raw: 'Why 24', rendered: 'Why 24' } }),
        wpDraft({ id: 11, status: 'publish', title: { raw: 'Why 2 3', rendered: 'Why 2 3' } }),
      ]);
    expect(ids(await run({ title: 'Why 2<3 but 5>4' }))).toEqual([8]);
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(200, [wpDraft({ id: 12, status: 'publish', title: { raw: 'A<B>D', rendered: 'A<B>D' } })]);
    expect(ids(await run({ title: 'A<B & C>D' }))).toEqual([12]);
  });

  it('by exact title: a user who may not edit posts gets published posts, by their shown titles', async () => {
    const title = { search: 'Board minutes', per_page: '100', orderby: 'relevance' };
    wp().get('/wp-json/wp/v2/posts').query(titleQuery(title)).reply(400, forbiddenStatus());
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery({ ...title, status: 'publish' }))
      .reply(200, [wpDraft({ id: 2, status: 'publish', title: { rendered: 'Board minutes' } })]);
    expect(ids(await run({ title: 'Board minutes' }))).toEqual([2]);
    expect(scope.isDone()).toBe(true);
  });

  it('by exact title with a status: without edit_posts, the same status without edit context', async () => {
    const title = { search: 'Board minutes', per_page: '100', orderby: 'relevance', status: 'publish' };
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(titleQuery(title))
      .reply(
        403,
        restError('rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this post type.', 403),
      );
    const scope = wp()
      .get('/wp-json/wp/v2/posts')
      .query(listQuery(title))
      .reply(200, [wpDraft({ id: 2, status: 'publish', title: { rendered: 'Board minutes' } })]);
    expect(ids(await run({ title: 'Board minutes', status: 'publish' }))).toEqual([2]);
    expect(scope.isDone()).toBe(true);
  });
});
