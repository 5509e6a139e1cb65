// The form of Create User and Update User: one list of fields, and one reader that checks what
// the Zap gives before any request. A create needs a username and email (and makes up a password
// if none is given); an update names its user, cannot change the username (WordPress forbids
// it), and sends only what the user filled in.
import { randomBytes } from 'node:crypto';
import { defineInputFields } from 'zapier-platform-core';
import { clearFieldsField, readClearFields } from './clear_fields';
import { UserInputError } from '../connection/errors';
import {
  Input,
  customFieldsField,
  optionalDict,
  optionalEmail,
  optionalList,
  optionalText,
  optionalUrl,
  requiredId,
  requiredText,
} from './input';
import type { WriteMode } from './post_form';
import { roleSlug } from '../wordpress/roles';
import { userCustomInputs } from '../wordpress/user_custom';
import { clip } from '../wordpress/text';

// Column sizes (user_login 60, user_email and user_url 100, display_name 250); the rest is user
// meta, limited here only so a mapping mistake gets a message instead of a database error.
const LIMITS = { username: 60, password: 4096, name: 250, short: 1000, url: 100, description: 50_000 };

/**
 * The fields of Create User (`create`) and Update User (`update`), by key: each operation lists the
 * ones it asks for, in its own order. Their labels are how messages name them.
 */
export function userFields(mode: WriteMode) {
  const update = mode === 'update';
  const keep = update ? ' Leave empty to keep the current value.' : '';
  return {
    user_id: {
      key: 'user_id',
      label: 'User',
      type: 'integer',
      dynamic: 'user_list.id.name',
      search: 'find_user.id',
      required: true,
      helpText: 'The user to update: pick one, or map a User ID (for example from Find User).',
    },
    username: {
      key: 'username',
      label: 'Username',
      required: true,
      helpText:
        'The login name (at most 60 characters: letters, digits, spaces and _ . - @). It cannot be changed later.',
    },
    email: {
      key: 'email',
      label: 'Email',
      required: !update,
      helpText: `The user's email address; no two users may share one.${keep}`,
    },
    // Plain text, not `type: 'password'`: Zapier's password inputs take no values mapped from
    // earlier steps. The value never reaches an output or an error (request.ts scrubs it).
    password: {
      key: 'password',
      label: 'Password',
      type: 'string',
      required: false,
      helpText: update
        ? 'A new password for the user: type it, or map it from an earlier step. It is never shown in the output. Leave empty to keep the current one.'
        : 'Type it, or map it from an earlier step; it is never shown in the output. Leave empty to give the user a long random password (it is not shown anywhere; the user sets their own with "Lost your password?").',
    },
    first_name: { key: 'first_name', label: 'First Name', required: false, helpText: keep.trim() || undefined },
    last_name: { key: 'last_name', label: 'Last Name', required: false, helpText: keep.trim() || undefined },
    name: {
      key: 'name',
      label: 'Display Name',
      required: false,
      helpText: `The name shown on the site.${update ? keep : ' Default: the username.'}`,
    },
    nickname: {
      key: 'nickname',
      label: 'Nickname',
      required: false,
      helpText: `${update ? keep.trim() : 'Default: the username.'}`,
    },
    url: { key: 'url', label: 'Website', required: false, helpText: `The user's website (https://…).${keep}` },
    description: {
      key: 'description',
      label: 'Biographical Info',
      type: 'text',
      required: false,
      helpText: keep.trim() || undefined,
    },
    roles: {
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
    meta: customFieldsField(
      'User meta keys and values. WordPress accepts only keys registered for the REST API (register_meta for users with show_in_rest); any other key is reported as not saved.',
    ),
  } as const;
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
}

/** The form of Create User (`create`) or Update User (`update`), in the order the Zap editor shows it. */
export function userInputFields(mode: WriteMode) {
  const { user_id, username, ...rest } = userFields(mode);
  return defineInputFields(
    mode === 'update'
      ? [user_id, ...Object.values(rest), userCustomInputs, CLEAR_FIELD]
      : [username, ...Object.values(rest), userCustomInputs],
  );
}

const U = userFields('create');

/** The fields Update User can empty: WordPress makes an empty nickname or display name the username again. */
const CLEARABLE = ['first_name', 'last_name', 'url', 'description'] as const;
const CLEARABLE_LABELS = Object.fromEntries(CLEARABLE.map((key) => [key, U[key].label])) as Record<
  (typeof CLEARABLE)[number],
  string
>;

const CLEAR_FIELD = clearFieldsField(
  CLEARABLE_LABELS,
  "Fields to empty on the user. An empty field above keeps the user's value (Zapier sends the fields a Zap does not map as empty), so pick here what to remove. " +
    'WordPress does not let the email, nickname or display name be emptied (it puts the username back in the last two); give a custom field an empty value to empty it.',
);

/** The keys of the fields every site has: any other key filled in is one of the site's own user fields. */
export const USER_FORM_KEYS: ReadonlySet<string> = new Set([...Object.keys(userFields('update')), 'clear_fields']);

/** WordPress's parameter names, as the fields that set them are labelled (for `rest_invalid_param`). */
export const PARAM_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(U).map((field) => [field.key, field.label]),
);

export function readUserInput(input: Input, mode: WriteMode): UserInput {
  const password = optionalText(input, U.password, { max: LIMITS.password, keepWhitespace: true });
  if (password !== undefined && password.includes('\\')) {
    // WordPress refuses it too, but after a round trip; the message must not quote the password.
    throw new UserInputError(
      'Password: WordPress does not allow the backslash character (\\) in passwords. Choose another password.',
    );
  }
  const roles = optionalList(input, U.roles, { splitCommas: true, maxItemLength: 100 })?.map(roleSlug);
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
  if (mode === 'update') {
    for (const key of readClearFields(input, CLEARABLE_LABELS, (k) => body[k] !== undefined)) body[key] = '';
  }
  if (mode === 'create') {
    if (body.email === undefined)
      throw new UserInputError('Email: is required. WordPress needs an email address for every user.');
    if (body.password === undefined) {
      // Never shown anywhere: the new user sets their own with "Lost your password?".
      body.password = randomBytes(24).toString('base64url');
    }
  }
  return { userId: mode === 'update' ? requiredId(input, U.user_id) : undefined, body };
}
