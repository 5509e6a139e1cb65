// Create and Update User with the site's own user fields (registered user meta, ACF user fields).
import { userCustomInputs } from '../../../src/wordpress/user_custom';
import type { UserWriteOutput } from '../../../src/zap/user_write';
import { USER_WRITE_QUERY, createPerform, wpUser } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

const USER_SCHEMA = {
  meta: { type: 'object', properties: { crm_id: { type: 'string', description: 'CRM ID' } } },
  acf: {
    type: 'object',
    properties: {
      phone: { type: ['string', 'null'] },
      company: { type: ['string', 'null'] },
      vip: { type: ['boolean', 'null'] },
    },
  },
};

const users = () =>
  wp()
    .get('/wp-json/wp/v2/users')
    .query({ _method: 'OPTIONS', _fields: 'schema.properties' })
    .reply(200, { schema: { properties: USER_SCHEMA } });

const run = (input: Record<string, unknown>) =>
  appTester(createPerform('update_user'), bundle(input)) as Promise<UserWriteOutput>;

it('the form has an input per user field, labelled from the schema', async () => {
  users();
  const fields = (await appTester(userCustomInputs as never, bundle() as never)) as Array<{
    key: string;
    label: string;
  }>;
  expect(fields.map((field) => [field.key, field.label])).toEqual([
    ['meta__crm_id', 'CRM ID'],
    ['acf__phone', 'Phone'],
    ['acf__company', 'Company'],
    ['acf__vip', 'Vip'],
  ]);
});

it('Update User sends phone, company and the meta key in the one write, and outputs them', async () => {
  const scope = users()
    .post('/wp-json/wp/v2/users/42', {
      meta: { crm_id: 'c-1' },
      acf: { phone: '+49 30 1234567', company: 'Seed Vault GmbH', vip: true },
    })
    .query(USER_WRITE_QUERY)
    .reply(200, {
      ...wpUser({ id: 42 }),
      meta: { crm_id: 'c-1' },
      acf: { phone: '+49 30 1234567', company: 'Seed Vault GmbH', vip: true },
    });
  const out = await run({
    user_id: 42,
    meta__crm_id: 'c-1',
    acf__phone: '+49 30 1234567',
    acf__company: 'Seed Vault GmbH',
    acf__vip: 'yes',
  });
  expect(scope.isDone()).toBe(true);
  expect(out.acf).toEqual({ phone: '+49 30 1234567', company: 'Seed Vault GmbH', vip: true });
  expect(out.meta).toEqual({ crm_id: 'c-1' });
  expect(out.warnings).toEqual([]);
});

it('a wrong value is refused before the write, naming the field', async () => {
  users();
  const { message } = await failsWith(() => run({ user_id: 42, acf__vip: 'sometimes' }));
  expect(message).toBe('Vip expects yes or no; got "sometimes".');
});

it('a user write without custom fields never reads the schema', async () => {
  const scope = wp()
    .post('/wp-json/wp/v2/users/42', { first_name: 'Jane' })
    .query(USER_WRITE_QUERY)
    .reply(200, wpUser({ id: 42 }));
  await run({ user_id: 42, first_name: 'Jane', acf__phone: '' });
  expect(scope.isDone()).toBe(true);
});
