// The hidden triggers behind every dropdown: their requests, paging, labels and fallbacks. The
// Categories, Tags and Post dropdowns have their own files.
import app from '../../../../index';
import { WP_TYPES, restError, triggerPerform } from '../../fixtures';
import { appTester, bundle, wp } from '../../helpers';

type Out = Array<Record<string, unknown>>;
const run = (key: string, input: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
  appTester(triggerPerform(key), bundle(input, { isFillingDynamicDropdown: true, ...meta })) as Promise<Out>;

const DROPDOWNS = [
  'post_type_list',
  'post_status_list',
  'category_list',
  'tag_list',
  'author_list',
  'role_list',
  'post_list',
  'any_post_list',
  'user_list',
];

describe('dropdown triggers', () => {
  it.each(DROPDOWNS)('%s is hidden, has a sample with an id and a name, and labelled output fields', (key) => {
    const trigger = app.triggers![key];
    expect(trigger.display.hidden).toBe(true);
    const sample = trigger.operation.sample as Record<string, unknown>;
    expect(sample).toHaveProperty('id');
    expect(sample).toHaveProperty('name');
    const fields = trigger.operation.outputFields as Array<{ key: string; label?: string }>;
    expect(fields.map((f) => f.key).sort()).toEqual(Object.keys(sample).sort());
    for (const f of fields) expect(f.label).toBeTruthy();
  });

  it.each(['new_post', 'new_or_updated_post', 'new_user'])('%s refers only to dropdown triggers that exist', (key) => {
    const fields = app.triggers![key].operation.inputFields as Array<{ dynamic?: string }>;
    for (const field of fields.filter((f) => f.dynamic)) {
      const [trigger, id, label] = field.dynamic!.split('.');
      expect(DROPDOWNS).toContain(trigger);
      expect([id, label]).toEqual(['id', 'name']);
    }
  });

  describe('post_type_list', () => {
    const types = WP_TYPES;

    it('lists content types by slug and name, no media, blocks or menus (no _fields: it empties this answer on 6.1)', async () => {
      wp().get('/wp-json/wp/v2/types').reply(200, types);
      expect(await run('post_type_list')).toEqual([
        { id: 'post', name: 'Posts' },
        { id: 'page', name: 'Pages' },
        { id: 'book', name: 'Books & Novels' },
      ]);
    });

    it('has everything on page 0 and nothing after', async () => {
      await expect(run('post_type_list', {}, { page: 1 })).resolves.toEqual([]);
    });
  });

  it('post_status_list: the statuses WordPress lets this user read, without trash', async () => {
    wp()
      .get('/wp-json/wp/v2/statuses')
      .reply(200, {
        publish: { name: 'Published', slug: 'publish' },
        future: { name: 'Scheduled', slug: 'future' },
        draft: { name: 'Draft', slug: 'draft' },
        private: { name: 'Private', slug: 'private' },
        trash: { name: 'Trash', slug: 'trash' },
      });
    expect((await run('post_status_list')).map((s) => s.id)).toEqual(['publish', 'future', 'draft', 'private']);
  });

  describe('author_list', () => {
    it('lists everyone who can write (who=authors), not only those with published posts', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query({ orderby: 'name', order: 'asc', _fields: 'id,name,slug', who: 'authors', per_page: '100', page: '1' })
        .reply(200, [{ id: 6, name: 'Åsa O&#8217;Brien', slug: 'asa' }]);
      expect(await run('author_list')).toEqual([{ id: 6, name: 'Åsa O’Brien', slug: 'asa' }]);
    });

    it('falls back to the public author list for a user who may not use who= (subscriber)', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query((q) => q.who === 'authors')
        .reply(
          403,
          restError('rest_forbidden_who', 'Sorry, you are not allowed to query users by this parameter.', 403),
        );
      wp()
        .get('/wp-json/wp/v2/users')
        .query((q) => q.who === undefined)
        .reply(200, [{ id: 1, name: 'Ada Admin', slug: 'ada' }]);
      expect(await run('author_list')).toEqual([{ id: 1, name: 'Ada Admin', slug: 'ada' }]);
    });
  });

  describe('role_list', () => {
    it('the standard five plus roles seen on recent users', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query({ context: 'edit', orderby: 'registered_date', order: 'desc', per_page: '100', _fields: 'roles' })
        .reply(200, [
          { roles: ['customer'] },
          { roles: ['subscriber'] },
          { roles: ['shop_manager', 'editor'] },
          { roles: ['customer'] },
        ]);
      const roles = await run('role_list');
      expect(roles.map((r) => r.id)).toEqual([
        'subscriber',
        'contributor',
        'author',
        'editor',
        'administrator',
        'customer',
        'shop_manager',
      ]);
      expect(roles.find((r) => r.id === 'shop_manager')?.name).toBe('Shop Manager');
    });

    it('only the standard five when the user may not read roles', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query(true)
        .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit users.', 403));
      expect(await run('role_list')).toHaveLength(5);
    });

    it('has every role on page 0 and asks nothing for later pages', async () => {
      // No nock: a request would fail the test.
      await expect(run('role_list', {}, { page: 1 })).resolves.toEqual([]);
    });
  });

  describe('user_list', () => {
    it('lists users with login and email for an administrator', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query({
          context: 'edit',
          orderby: 'name',
          order: 'asc',
          _fields: 'id,name,username,email',
          per_page: '100',
          page: '1',
        })
        .reply(200, [{ id: 42, name: 'Jane &amp; Joe', username: 'jane', email: 'jane@example.com' }]);
      expect(await run('user_list')).toEqual([
        { id: 42, name: 'Jane & Joe (jane, jane@example.com)', username: 'jane', email: 'jane@example.com' },
      ]);
    });

    it('offers only the connected user to someone who may edit no one else', async () => {
      wp()
        .get('/wp-json/wp/v2/users')
        .query(true)
        .reply(403, restError('rest_forbidden_context', 'Sorry, you are not allowed to edit users.', 403));
      wp()
        .get('/wp-json/wp/v2/users/me')
        .query({ context: 'edit', _fields: 'id,name,username,email' })
        .reply(200, { id: 2, name: 'Edith Editor', username: 'edith', email: 'edith@example.com' });
      expect(await run('user_list')).toEqual([
        { id: 2, name: 'Edith Editor (edith, edith@example.com)', username: 'edith', email: 'edith@example.com' },
      ]);
    });
  });
});
