// The Parent dropdown of the term operations: the terms of the taxonomy chosen in the same form,
// with their paths; nothing before a taxonomy is chosen.
import { WP_TAXONOMIES, triggerPerform, wpGenre } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

const taxonomyTermList = triggerPerform('taxonomy_term_list');

describe('taxonomy_term_list', () => {
  it('lists the chosen taxonomy’s terms with their paths', async () => {
    wp().get('/wp-json/wp/v2/taxonomies').reply(200, WP_TAXONOMIES);
    wp()
      .get('/wp-json/wp/v2/genres')
      .query({ orderby: 'name', order: 'asc', _fields: 'id,name,slug,parent,count', per_page: '100', page: '1' })
      .reply(200, [wpGenre({ id: 3, name: 'Fiction' }), wpGenre({ id: 12, name: 'Science Fiction', parent: 3 })]);
    const choices = await appTester(taxonomyTermList, bundle({ taxonomy: 'genres' }));
    expect(choices).toEqual([
      { id: 3, name: 'Fiction', slug: 'fiction', parent: 0, count: 0 },
      { id: 12, name: 'Fiction › Science Fiction', slug: 'science-fiction', parent: 3, count: 0 },
    ]);
  });

  it('no taxonomy chosen yet: an empty list, no request', async () => {
    expect(await appTester(taxonomyTermList, bundle({ taxonomy: '' }))).toEqual([]);
  });
});
