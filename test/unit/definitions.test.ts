// What Zapier shows for every visible trigger, action and search: labels, "Triggers when …"/
// "Creates …"/"Finds …", static samples whose fields are exactly the labelled output fields (and
// exactly the keys the mapping produces), the input keys Zaps rely on, and that every dropdown and
// search reference points at something that exists.
import app from '../../index';
import { commentOutput, commentWriteOutput, toCommentOutput } from '../../src/wordpress/comment';
import { mediaOutput, toMediaOutput } from '../../src/wordpress/media_item';
import { postOutput, toPostOutput } from '../../src/wordpress/post';
import { postWriteOutput } from '../../src/zap/post_write';
import { toUserOutput, userOutput } from '../../src/wordpress/user';
import { userWriteOutput } from '../../src/zap/user_write';
import { featuredMedia, wpComment, wpPost, wpUser } from './fixtures';
import { SITE } from './helpers';

type FieldDef = {
  key: string;
  label?: string;
  required?: boolean;
  dynamic?: string;
  search?: string;
  list?: boolean;
  dict?: boolean;
  type?: string;
  helpText?: string;
};

/** The fields declared as they are; the functions beside them (a site's own fields) are tested in their modules. */
const plain = (fields: unknown): FieldDef[] =>
  ((fields ?? []) as unknown[]).filter((field): field is FieldDef => typeof field !== 'function');

/** Sample keys the way Zapier names output fields: `a__b` for nested objects, `a[]` for lists. */
function flatKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? flatKeys(value as Record<string, unknown>, `${prefix}${key}__`)
      : [`${prefix}${key}${Array.isArray(value) ? '[]' : ''}`],
  );
}

const POST_KEYS = [
  'post_type',
  'title',
  'content',
  'excerpt',
  'status',
  'date',
  'slug',
  'author',
  'categories',
  'tags',
  'featured_image',
  'format',
  'sticky',
  'comment_status',
  'meta',
];
const USER_KEYS = [
  'email',
  'password',
  'first_name',
  'last_name',
  'name',
  'nickname',
  'url',
  'description',
  'roles',
  'meta',
];

type Kind = 'trigger' | 'create' | 'search';

interface OperationDef {
  key: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: { inputFields?: unknown; outputFields?: unknown; sample?: unknown; type?: string };
}

/** Every operation a Zapier user sees: all but the hidden dropdown triggers. */
const operations = (
  [
    ...Object.values(app.triggers ?? {}).map((op) => ['trigger', op.key, op]),
    ...Object.values(app.creates ?? {}).map((op) => ['create', op.key, op]),
    ...Object.values(app.searches ?? {}).map((op) => ['search', op.key, op]),
  ] as Array<[Kind, string, OperationDef]>
).filter(([, , op]) => !op.display.hidden);

const DESCRIPTION: Record<Kind, RegExp> = {
  trigger: /^Triggers when .+\.$/,
  create: /^(Creates|Updates|Uploads|Deletes|Makes) .+\.$/,
  search: /^Finds .+\.$/,
};

it('the visible operations are exactly these triggers, actions and searches', () => {
  expect(operations.map(([kind, key]) => `${kind} ${key}`).sort()).toEqual(
    [
      'trigger new_post',
      'trigger new_or_updated_post',
      'trigger new_user',
      'trigger new_comment',
      'trigger new_media',
      'trigger new_post_instant',
      'trigger new_or_updated_post_instant',
      'trigger new_user_instant',
      'trigger user_updated_instant',
      'trigger new_comment_instant',
      'create create_post',
      'create update_post',
      'create create_user',
      'create update_user',
      'create upload_media',
      'create create_comment',
      'create update_comment',
      'create delete_post',
      'create create_term',
      'create api_request',
      'search find_term',
      'search find_post',
      'search find_user',
    ].sort(),
  );
});

describe.each(operations)('%s %s', (kind, key, op) => {
  const inputFields = plain(op!.operation.inputFields);

  it('is visible, labelled and described', () => {
    expect(op!.key).toBe(key);
    expect((op!.display as { hidden?: boolean }).hidden).toBeFalsy();
    expect(op!.display.label).toBeTruthy();
    expect(op!.display.description).toMatch(DESCRIPTION[kind]);
    // The instant twins (companion plugin) are hooks; every other trigger polls.
    if (kind === 'trigger') expect(op!.operation.type).toBe(key.endsWith('_instant') ? 'hook' : 'polling');
  });

  it('has a static sample with exactly the labelled output fields', () => {
    const fields = plain(op!.operation.outputFields);
    expect(flatKeys(op!.operation.sample as Record<string, unknown>).sort()).toEqual(fields.map((f) => f.key).sort());
    for (const field of fields) expect(field.label).toBeTruthy();
  });

  it('labels every input field; dropdowns and searches point at operations that exist', () => {
    for (const field of inputFields) {
      expect(field.label).toBeTruthy();
      if (field.dynamic) {
        const [trigger, id, label] = field.dynamic.split('.');
        expect(app.triggers![trigger as string]).toBeDefined();
        expect([id, label]).toEqual(['id', 'name']);
      }
      if (field.search) expect(app.searches![field.search.split('.')[0] as string]).toBeDefined();
    }
  });

  if (kind === 'trigger') {
    it('makes no input field required', () => {
      for (const field of inputFields) expect(field.required).toBe(false);
    });
  }
});

describe('samples have exactly the keys the mapping produces', () => {
  it('posts: toPostOutput', () => {
    const post = wpPost({ id: 8, featured_media: 16, _embedded: { 'wp:featuredmedia': [featuredMedia] } });
    expect(flatKeys(toPostOutput(post, SITE)).sort()).toEqual(flatKeys(postOutput.sample).sort());
  });

  it('users: toUserOutput', () => {
    expect(flatKeys(toUserOutput(wpUser({ id: 42 }), SITE)).sort()).toEqual(flatKeys(userOutput.sample).sort());
  });

  it('post and user writes: the output plus a list of warnings', () => {
    const post = wpPost({ id: 8, featured_media: 16, _embedded: { 'wp:featuredmedia': [featuredMedia] } });
    expect(flatKeys({ ...toPostOutput(post, SITE), warnings: [] }).sort()).toEqual(
      flatKeys(postWriteOutput.sample).sort(),
    );
    expect(flatKeys({ ...toUserOutput(wpUser({ id: 42 }), SITE), warnings: [] }).sort()).toEqual(
      flatKeys(userWriteOutput.sample).sort(),
    );
  });

  it('comments: toCommentOutput, and the writes with their warnings', () => {
    const comment = toCommentOutput(wpComment({ id: 31 }), SITE);
    expect(flatKeys(comment).sort()).toEqual(flatKeys(commentOutput.sample).sort());
    expect(flatKeys({ ...comment, warnings: [] }).sort()).toEqual(flatKeys(commentWriteOutput.sample).sort());
  });

  it('media: toMediaOutput', () => {
    const media = { ...featuredMedia, slug: 'spring', link: `${SITE}/spring/`, media_type: 'image', post: 8 };
    expect(flatKeys(toMediaOutput(media, SITE)).sort()).toEqual(flatKeys(mediaOutput.sample).sort());
  });
});

it('Create and Update ask for the input keys Zaps map into', () => {
  const keys = (k: string) => plain(app.creates![k]!.operation.inputFields).map((f) => f.key);
  expect(keys('create_post').sort()).toEqual([...POST_KEYS].sort());
  expect(keys('update_post').sort()).toEqual(['post_id', 'clear_fields', ...POST_KEYS].sort());
  expect(keys('create_user').sort()).toEqual(['username', ...USER_KEYS].sort());
  expect(keys('update_user').sort()).toEqual(['user_id', 'clear_fields', ...USER_KEYS].sort());
});

it('Create and Update share one field list: the same fields, only required-ness and help differ', () => {
  const strip = (fields: FieldDef[]) =>
    fields.map(({ key, type, dynamic, list, dict }) => ({ key, type, dynamic, list, dict }));
  const post = (k: string) =>
    strip(plain(app.creates![k]!.operation.inputFields).filter((f) => !['post_id', 'clear_fields'].includes(f.key)));
  expect(post('update_post')).toEqual(post('create_post'));
  const user = (k: string) =>
    strip(
      plain(app.creates![k]!.operation.inputFields).filter(
        (f) => !['user_id', 'username', 'clear_fields'].includes(f.key),
      ),
    );
  expect(user('update_user')).toEqual(user('create_user'));
});

it('terms accept names (a list with a dropdown that allows typed values), meta is a dict, the image a file', () => {
  const fields = plain(app.creates!.create_post!.operation.inputFields);
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
  expect(byKey.categories).toMatchObject({ dynamic: 'category_list.id.name', list: true });
  expect(byKey.tags).toMatchObject({ dynamic: 'tag_list.id.name', list: true });
  expect(byKey.meta).toMatchObject({ dict: true });
  expect(byKey.featured_image).toMatchObject({ type: 'file' });
  expect(byKey.date).toMatchObject({ type: 'datetime' });
  const update = Object.fromEntries(plain(app.creates!.update_post!.operation.inputFields).map((f) => [f.key, f]));
  expect(update.post_id).toMatchObject({ required: true, dynamic: 'post_list.id.name', search: 'find_post.id' });
  const updateUser = Object.fromEntries(plain(app.creates!.update_user!.operation.inputFields).map((f) => [f.key, f]));
  expect(updateUser.user_id).toMatchObject({ required: true, dynamic: 'user_list.id.name', search: 'find_user.id' });
  expect(updateUser.roles).toMatchObject({ dynamic: 'role_list.id.name', list: true });
  // Zapier's password inputs take no mapped values: a password may come from an earlier step.
  for (const key of ['create_user', 'update_user']) {
    const password = plain(app.creates![key]!.operation.inputFields).find((f) => f.key === 'password');
    expect(password).toMatchObject({ type: 'string' });
  }
});

it('Create and Update Post, User and Comment output Warnings: the one place a write reports what WordPress left out', () => {
  for (const key of ['create_post', 'update_post', 'create_user', 'update_user', 'create_comment', 'update_comment']) {
    const fields = app.creates![key]!.operation.outputFields as FieldDef[];
    expect(fields).toContainEqual({ key: 'warnings[]', label: 'Warnings' });
    expect((app.creates![key]!.operation.sample as { warnings: string[] }).warnings).toEqual([expect.any(String)]);
  }
});

it('every post output says whether the post is password-protected; the post triggers can include such posts', () => {
  const outputs = [
    app.triggers!.new_post,
    app.triggers!.new_or_updated_post,
    app.creates!.create_post,
    app.creates!.update_post,
    app.searches!.find_post,
  ].map((op) => op!.operation.outputFields as FieldDef[]);
  for (const fields of outputs) {
    expect(fields).toContainEqual({ key: 'password_protected', label: 'Password Protected', type: 'boolean' });
  }
  for (const key of ['new_post', 'new_or_updated_post']) {
    const fields = (app.triggers![key]!.operation.inputFields ?? []) as Array<FieldDef & { default?: string }>;
    expect(fields.find((f) => f.key === 'include_protected')).toMatchObject({
      label: 'Include Password-Protected Posts',
      default: 'no',
      required: false,
    });
  }
});

it('New Post, New or Updated Post and New User say when they trigger', () => {
  expect(app.triggers!.new_post.display.description).toBe('Triggers when a new post is published.');
  expect(app.triggers!.new_or_updated_post.display.description).toBe('Triggers when a post is published or updated.');
  expect(app.triggers!.new_user.display.description).toBe('Triggers when a new user registers.');
});

it('Upload Media and New Media output one media shape (Upload Media with its warnings), New Media says when it triggers', () => {
  const upload = app.creates!.upload_media!.operation;
  const media = app.triggers!.new_media!.operation;
  // Upload Media adds only its Warnings (set when WordPress's answer was lost and the file found).
  expect([...(media.outputFields as object[]), { key: 'warnings[]', label: 'Warnings' }]).toEqual(upload.outputFields);
  const { warnings, ...uploadSample } = upload.sample as Record<string, unknown>;
  expect(media.sample).toEqual(uploadSample);
  expect(warnings).toEqual([expect.stringMatching(/^WordPress's answer was lost/)]);
  expect(app.triggers!.new_media.display.description).toBe('Triggers when a file is added to the media library.');
});

it('pairs each search with its create for Find or Create', () => {
  expect(app.searchOrCreates).toEqual({
    find_user: expect.objectContaining({ key: 'find_user', search: 'find_user', create: 'create_user' }),
    find_post: expect.objectContaining({ key: 'find_post', search: 'find_post', create: 'create_post' }),
    find_term: expect.objectContaining({ key: 'find_term', search: 'find_term', create: 'create_term' }),
  });
  for (const pair of Object.values(app.searchOrCreates!)) {
    expect(pair.display.label).toMatch(/^Find or Create /);
    expect(pair.display.description).toMatch(/^Finds .+\.$/);
  }
});

it('takes IDs as integers: Post, Post ID, User, Author, Attach to Post, Comment, Reply To and Parent', () => {
  const field = (kind: 'triggers' | 'creates' | 'searches', op: string, key: string) =>
    ((app[kind]![op]!.operation.inputFields ?? []) as FieldDef[]).find((f) => f.key === key);
  const ids: Array<['triggers' | 'creates' | 'searches', string, string]> = [
    ['creates', 'update_post', 'post_id'],
    ['creates', 'create_post', 'author'],
    ['creates', 'update_post', 'author'],
    ['creates', 'update_user', 'user_id'],
    ['creates', 'upload_media', 'post_id'],
    ['searches', 'find_post', 'post_id'],
    ['triggers', 'new_post', 'author'],
    ['triggers', 'new_or_updated_post', 'author'],
    ['triggers', 'new_comment', 'post'],
    ['triggers', 'new_media', 'post'],
    ['creates', 'create_comment', 'post'],
    ['creates', 'create_comment', 'parent'],
    ['creates', 'update_comment', 'comment_id'],
    ['creates', 'delete_post', 'post_id'],
    ['creates', 'create_term', 'parent'],
    ['searches', 'find_term', 'parent'],
  ];
  for (const [kind, op, key] of ids) expect([op, key, field(kind, op, key)?.type]).toEqual([op, key, 'integer']);
});
