// The Categories and Tags dropdowns: paging by name, and each category's whole path, its ancestors
// fetched with `include=` one level per request when they are not on the page.
import { triggerPerform } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

type Out = Array<Record<string, unknown>>;
const run = (key: string, meta: Record<string, unknown> = {}) =>
  appTester(triggerPerform(key), bundle({}, { isFillingDynamicDropdown: true, ...meta })) as Promise<Out>;

const PAGE_QUERY = { orderby: 'name', order: 'asc', _fields: 'id,name,slug,parent,count', per_page: '100' };
const ancestorsQuery = (ids: number[]) => ({ include: ids.join(','), per_page: '100', _fields: 'id,name,parent' });

const term = (id: number, name: string, parent = 0) => ({ id, name, slug: `t${id}`, parent, count: 1 });
const names = (choices: Out) => choices.map((c) => c.name);

describe.each([
  ['category_list', 'categories'],
  ['tag_list', 'tags'],
])('%s', (key, route) => {
  it('pages 100 at a time by name, Zapier page n → WordPress page n+1, entities decoded', async () => {
    const scope = wp()
      .get(`/wp-json/wp/v2/${route}`)
      .query({ ...PAGE_QUERY, page: '3' })
      .reply(200, [
        { id: 2, name: 'News', slug: 'news', parent: 0, count: 3 },
        { id: 3, name: 'Releases &amp; Updates', slug: 'releases', parent: 2, count: 1 },
      ]);
    expect(await run(key, { page: 2 })).toEqual([
      { id: 2, name: 'News', slug: 'news', parent: 0, count: 3 },
      { id: 3, name: 'News › Releases & Updates', slug: 'releases', parent: 2, count: 1 },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('ends the list past the last page, asking nothing more', async () => {
    // Any second request would find no interceptor and fail the test.
    wp().get(`/wp-json/wp/v2/${route}`).query(true).reply(200, []);
    await expect(run(key, { page: 50 })).resolves.toEqual([]);
  });
});

describe('category_list paths', () => {
  it('the whole path from the page itself, in one request: two children named alike are told apart', async () => {
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ ...PAGE_QUERY, page: '1' })
      .reply(200, [
        term(9, 'Advanced', 4),
        term(12, 'Advanced', 11),
        term(11, 'Guides', 2),
        term(2, 'News'),
        term(4, 'Tutorials', 2),
      ]);
    expect(names(await run('category_list'))).toEqual([
      'News › Tutorials › Advanced',
      'News › Guides › Advanced',
      'News › Guides',
      'News',
      'News › Tutorials',
    ]);
  });

  it('ancestors on other pages: one include= request per missing level, each asked once', async () => {
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ ...PAGE_QUERY, page: '2' })
      .reply(200, [term(9, 'Advanced', 4), term(12, 'Advanced', 11), term(13, 'Basics', 4)]);
    const parents = wp()
      .get('/wp-json/wp/v2/categories')
      .query(ancestorsQuery([4, 11]))
      .reply(200, [term(4, 'Tutorials &amp; Guides', 2), term(11, 'Docs', 0)]);
    const grandparents = wp()
      .get('/wp-json/wp/v2/categories')
      .query(ancestorsQuery([2]))
      .reply(200, [term(2, 'News')]);
    expect(await run('category_list', { page: 1 })).toEqual([
      { id: 9, name: 'News › Tutorials & Guides › Advanced', slug: 't9', parent: 4, count: 1 },
      { id: 12, name: 'Docs › Advanced', slug: 't12', parent: 11, count: 1 },
      { id: 13, name: 'News › Tutorials & Guides › Basics', slug: 't13', parent: 4, count: 1 },
    ]);
    expect(parents.isDone() && grandparents.isDone()).toBe(true);
  });

  it('a parent WordPress does not return ends the path there, without asking again', async () => {
    wp()
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(200, [term(5, 'Orphan', 99)]);
    const ask = wp()
      .get('/wp-json/wp/v2/categories')
      .query(ancestorsQuery([99]))
      .reply(200, []);
    expect(names(await run('category_list'))).toEqual(['Orphan']);
    expect(ask.isDone()).toBe(true);
  });

  it('stops after four levels of include= requests; a path still cut short starts with …', async () => {
    // Level n's parent is n+1, up to 7: the page holds level 1 only.
    wp()
      .get('/wp-json/wp/v2/categories')
      .query({ ...PAGE_QUERY, page: '1' })
      .reply(200, [term(1, 'L1', 2)]);
    for (const id of [2, 3, 4, 5]) {
      wp()
        .get('/wp-json/wp/v2/categories')
        .query(ancestorsQuery([id]))
        .reply(200, [term(id, `L${id}`, id + 1)]);
    }
    expect(names(await run('category_list'))).toEqual(['… › L5 › L4 › L3 › L2 › L1']);
  });

  it('a loop in a damaged table ends each path instead of hanging', async () => {
    wp()
      .get('/wp-json/wp/v2/categories')
      .query(true)
      .reply(200, [term(1, 'A', 2), term(2, 'B', 1)]);
    expect(names(await run('category_list'))).toEqual(['B › A', 'A › B']);
  });
});
