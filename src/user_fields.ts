// Create User and Update User: one field list, one reader, one write. A create needs a username
// and email (and makes up a password if none is given); an update names its user, cannot change
// the username (WordPress forbids it), and sends only what the user filled in.
import { randomBytes } from 'node:crypto';
import { defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  Field,
  Input,
  clip,
  optionalDict,
  optionalEmail,
  optionalList,
  optionalText,
  optionalUrl,
  requiredId,
  requiredText,
} from './input';
import { Query, invalidParamMessage, readJson, reword, withoutSecrets, wordpressSaid, writeJson } from './requests';
import { USER_FIELDS, USER_QUERY, UserOutput, WPUser, toUserOutput } from './users';
import { UserInputError, needsCapability, siteUrlOf } from './wordpress';
import type { WriteMode } from './post_fields';

export const U = {
  user_id: { key: 'user_id', label: 'User' },
  username: { key: 'username', label: 'Username' },
  email: { key: 'email', label: 'Email' },
  password: { key: 'password', label: 'Password' },
  first_name: { key: 'first_name', label: 'First Name' },
  last_name: { key: 'last_name', label: 'Last Name' },
  name: { key: 'name', label: 'Display Name' },
  nickname: { key: 'nickname', label: 'Nickname' },
  url: { key: 'url', label: 'Website' },
  description: { key: 'description', label: 'Biographical Info' },
  roles: { key: 'roles', label: 'Roles' },
  meta: { key: 'meta', label: 'Custom Fields' },
} satisfies Record<string, Field>;

const PARAM_LABELS: Record<string, string> = Object.fromEntries(Object.values(U).map((f) => [f.key, f.label]));

// Column sizes (user_login 60, user_email and user_url 100, display_name 250); the rest is user
// meta, limited here only so a mapping mistake gets a message instead of a database error.
const LIMITS = { username: 60, password: 4096, name: 250, short: 1000, url: 100, description: 50_000 };

export function userInputFields(mode: WriteMode) {
  const update = mode === 'update';
  const keep = update ? ' Leave empty to keep the current value.' : '';
  return defineInputFields([
    ...(update
      ? [
          {
            key: 'user_id',
            label: 'User',
            dynamic: 'user_list.id.name',
            search: 'find_user.id',
            required: true,
            helpText: 'The user to update: pick one, or map a User ID (for example from Find User).',
          } as const,
        ]
      : [
          {
            key: 'username',
            label: 'Username',
            required: true,
            helpText:
              'The login name (at most 60 characters: letters, digits, spaces and _ . - @). It cannot be changed later.',
          } as const,
        ]),
    {
      key: 'email',
      label: 'Email',
      required: !update,
      helpText: `The user's email address; no two users may share one.${keep}`,
    },
    {
      key: 'password',
      label: 'Password',
      type: 'password',
      required: false,
      helpText: update
        ? 'A new password for the user. Leave empty to keep the current one.'
        : 'Leave empty to give the user a long random password (it is not shown anywhere; the user sets their own with "Lost your password?").',
    },
    { key: 'first_name', label: 'First Name', required: false, helpText: keep.trim() || undefined },
    { key: 'last_name', label: 'Last Name', required: false, helpText: keep.trim() || undefined },
    {
      key: 'name',
      label: 'Display Name',
      required: false,
      helpText: `The name shown on the site.${update ? keep : ' Default: the username.'}`,
    },
    {
      key: 'nickname',
      label: 'Nickname',
      required: false,
      helpText: `${update ? keep.trim() : 'Default: the username.'}`,
    },
    { key: 'url', label: 'Website', required: false, helpText: `The user's website (https://…).${keep}` },
    {
      key: 'description',
      label: 'Biographical Info',
      type: 'text',
      required: false,
      helpText: keep.trim() || undefined,
    },
    {
      key: 'roles',
      label: 'Roles',
      dynamic: 'role_list.id.name',
      list: true,
      required: false,
      helpText:
        (update
          ? "Replaces the user's roles; leave empty to keep them. "
          : "Default: the site's default role (usually Subscriber). ") + 'Changing roles needs an Administrator.',
    },
    {
      key: 'meta',
      label: 'Custom Fields',
      dict: true,
      required: false,
      helpText:
        'User meta keys and values. WordPress accepts only keys registered for the REST API (register_meta for users with show_in_rest); any other key is reported as not saved.',
    },
  ]);
}

export interface UserInput {
  userId?: number;
  body: {
    username?: string;
    email?: string;
    password?: string;
    first_name?: string;
    last_name?: string;
    name?: string;
    nickname?: string;
    url?: string;
    description?: string;
    roles?: string[];
    meta?: Record<string, string>;
  };
  /** True when the password was made up here (and must never be shown). */
  generatedPassword: boolean;
}

export function readUserInput(input: Input, mode: WriteMode): UserInput {
  const password = optionalText(input, U.password, { max: LIMITS.password, keepWhitespace: true });
  if (password !== undefined && password.includes('\\')) {
    // WordPress refuses it too, but after a round trip; the message must not quote the password.
    throw new UserInputError(
      'Password: WordPress does not allow the backslash character (\\) in passwords. Choose another password.',
    );
  }
  const roles = optionalList(input, U.roles, { splitCommas: true, maxItemLength: 100 })?.map((role) =>
    role.toLowerCase().replace(/\s+/g, '_'),
  );
  for (const role of roles ?? []) {
    if (!/^[a-z0-9_-]+$/.test(role)) {
      throw new UserInputError(
        `Roles: "${clip(role)}" is not a role name. Pick roles from the dropdown (for example subscriber or editor).`,
      );
    }
  }
  const body: UserInput['body'] = {
    username: mode === 'create' ? requiredText(input, U.username, { max: LIMITS.username }) : undefined,
    email: optionalEmail(input, U.email),
    password,
    first_name: optionalText(input, U.first_name, { max: LIMITS.short }),
    last_name: optionalText(input, U.last_name, { max: LIMITS.short }),
    name: optionalText(input, U.name, { max: LIMITS.name }),
    nickname: optionalText(input, U.nickname, { max: LIMITS.short }),
    url: optionalUrl(input, U.url, LIMITS.url),
    description: optionalText(input, U.description, { max: LIMITS.description }),
    roles,
    meta: optionalDict(input, U.meta),
  };
  let generatedPassword = false;
  if (mode === 'create') {
    if (body.email === undefined)
      throw new UserInputError('Email: is required. WordPress needs an email address for every user.');
    if (body.password === undefined) {
      body.password = randomBytes(24).toString('base64url');
      generatedPassword = true;
    }
  }
  return { userId: mode === 'update' ? requiredId(input, U.user_id) : undefined, body, generatedPassword };
}

function requestBody(parsed: UserInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parsed.body).filter(([, v]) => v !== undefined));
}

/** Create User and Update User. */
export async function writeUser(z: ZObject, bundle: Bundle, mode: WriteMode): Promise<UserOutput> {
  const password = (bundle.inputData as Input)[U.password.key];
  return withoutSecrets(bundle, [typeof password === 'string' ? password : undefined], () =>
    writeUserUnsafe(z, bundle, mode),
  );
}

async function writeUserUnsafe(z: ZObject, bundle: Bundle, mode: WriteMode): Promise<UserOutput> {
  const parsed = readUserInput(bundle.inputData as Input, mode);
  const body = requestBody(parsed);
  const route = mode === 'update' ? `wp/v2/users/${parsed.userId}` : 'wp/v2/users';
  const query: Query = parsed.body.meta ? { ...USER_QUERY, _fields: `${USER_FIELDS},meta` } : { ...USER_QUERY };
  let user: WPUser;
  try {
    user =
      mode === 'update' && Object.keys(body).length === 0
        ? (await readJson<WPUser>(z, bundle, route, query)).data
        : (await writeJson<WPUser>(z, bundle, route, body, query)).data;
  } catch (err) {
    const email = parsed.body.email ?? '';
    reword(
      err,
      {
        existing_user_login: `Username: a WordPress user named "${clip(parsed.body.username ?? '')}" already exists. Choose another username, or use Find or Create User to reuse the existing one.`,
        existing_user_email: `Email: ${clip(email)} already belongs to another WordPress user. Use another email, or use Find or Create User to reuse the existing user.`,
        rest_user_invalid_email: `Email: WordPress refused ${clip(email)}: it is not a valid address, or another user already has it (WordPress does not say which). Use Find User to check.`,
        rest_cannot_create_user: needsCapability('create_users', 'create users'),
        rest_cannot_edit_roles: needsCapability('promote_users', 'change user roles') + ' Or leave Roles empty.',
        rest_cannot_edit:
          needsCapability('edit_users', `edit user ${parsed.userId ?? ''}`) +
          ' (Every user may edit their own profile, and only an Administrator may edit an Administrator.)',
        rest_user_invalid_id: `User: WordPress has no user with ID ${parsed.userId ?? ''} (the user may have been deleted). Pick the user from the dropdown, or find it with Find User.`,
        rest_user_invalid_role: (e) =>
          `Roles: WordPress does not know one of the roles ${(parsed.body.roles ?? []).join(', ')}.${wordpressSaid(e)} Pick roles from the dropdown.`,
        rest_user_invalid_password: (e) => `Password: WordPress refused the password.${wordpressSaid(e)}`,
        rest_user_invalid_argument: (e) =>
          `WordPress refused a change.${wordpressSaid(e)} (The username cannot be changed.)`,
        rest_invalid_param: (e) => invalidParamMessage(e, PARAM_LABELS),
        rest_missing_callback_param: (e) => invalidParamMessage(e, PARAM_LABELS),
      },
      // WordPress answers duplicates with HTTP 500: they are the input's fault, not the server's.
      { existing_user_login: 400, existing_user_email: 400 },
    );
  }
  const lostMeta = Object.keys(parsed.body.meta ?? {}).filter((key) => !user.meta || !(key in user.meta));
  if (lostMeta.length) {
    const done =
      mode === 'create'
        ? `WordPress created user ${user.id} (${user.username ?? ''})`
        : `WordPress updated user ${user.id}`;
    throw new UserInputError(
      `${done}, but did not save ${U.meta.label} ${lostMeta.map((k) => `"${clip(k)}"`).join(', ')}: not registered for the REST API (a developer must register ${lostMeta.length > 1 ? 'them' : 'it'} for users with show_in_rest => true).` +
        (mode === 'create'
          ? ' The user exists: use Update User (or Find or Create User) rather than running this step again.'
          : ''),
      'partially_applied',
    );
  }
  return toUserOutput(user, siteUrlOf(bundle));
}
