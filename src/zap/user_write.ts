// Saving a user for Create User and Update User: one request that also returns everything the
// output needs, WordPress's refusals in the words of the form, and the custom fields WordPress
// silently dropped, as warnings on the successful step (the user is saved by then).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { invalidParamsMessage, reword, wordpressSaid } from '../connection/errors';
import { needsCapability, roleNotAllowed, whichRoles } from '../connection/messages';
import { defineWriteOutput } from '../wordpress/output';
import { callWordPress } from '../connection/request';
import { Settled, settleCreate, settleUpdate } from './settle_write';
import { siteUrlOf } from '../connection/site';
import { USER_OUTPUT_FIELDS, USER_QUERY, UserOutput, WPUser, toUserOutput } from '../wordpress/user';
import { addCustomValues, removeUploads } from './custom_write';
import { readUserCustom } from '../wordpress/user_custom';
import { PARAM_LABELS, USER_FORM_KEYS, UserInput, userFields } from './user_form';
import { clip } from '../wordpress/text';
import { userLookup, userReadBack } from './write_lookups';

/** The user as every user output gives it, and what WordPress left out although it was sent. */
export type UserWriteOutput = UserOutput & { warnings: string[] };

/** A custom field WordPress dropped, as a warning. */
const metaNotSaved = (key: string) =>
  `${userFields('create').meta.label}: WordPress did not save "${clip(key)}", because it is not registered for the REST API for users. A developer must register it with register_meta and show_in_rest => true; until then, set it in WordPress.`;

/** What Create User and Update User output. */
export const userWriteOutput = defineWriteOutput<UserOutput>(USER_OUTPUT_FIELDS, metaNotSaved('crm_id'));

/**
 * Creates the user, or updates `userId`, with what the form asked for. `warnings` has one sentence
 * per custom field WordPress did not save (empty when everything was saved).
 */
export async function saveUser(z: ZObject, bundle: Bundle, input: UserInput): Promise<UserWriteOutput> {
  const body: Record<string, unknown> = Object.fromEntries(
    Object.entries(input.body).filter(([, value]) => value !== undefined),
  );
  const custom = await readUserCustom(z, bundle, USER_FORM_KEYS);
  const uploads = custom ? await addCustomValues(z, bundle, custom, body, input.body.name) : [];
  const route = input.userId === undefined ? 'wp/v2/users' : `wp/v2/users/${input.userId}`;
  // Nothing to change: read instead of writing nothing.
  const write =
    input.userId === undefined || Object.keys(body).length > 0 ? { method: 'POST' as const, json: body } : {};
  const query = USER_QUERY;
  const send = async () => (await callWordPress<WPUser>(z, bundle, { route, query, ...write })).data;
  let settled: Settled<WPUser>;
  try {
    // An answer lost after the write: the user is looked up (or read back) before the step ends.
    if (!write.method) settled = { item: await send() };
    else if (input.userId !== undefined)
      settled = await settleUpdate(send, userReadBack(z, bundle, route, body, query, PARAM_LABELS));
    else
      settled = await settleCreate(
        send,
        userLookup(z, bundle, { username: input.body.username ?? '', email: input.body.email }, query),
      );
  } catch (err) {
    await removeUploads(z, bundle, err, uploads);
    throw userWriteError(err, input);
  }
  const user = settled.item;
  const lostMeta = Object.keys(input.body.meta ?? {}).filter((key) => !user.meta || !(key in user.meta));
  const warnings = [...(settled.warning ? [settled.warning] : []), ...lostMeta.map(metaNotSaved)];
  return { ...toUserOutput(user, siteUrlOf(bundle)), warnings };
}

/** Our message for a WordPress refusal of the user write. */
function userWriteError(err: unknown, input: UserInput): unknown {
  const email = input.body.email ?? '';
  return reword(
    err,
    {
      existing_user_login: `Username: a WordPress user named "${clip(input.body.username ?? '')}" already exists. Choose another username, or use Find or Create User to reuse the existing one.`,
      existing_user_email: `Email: ${clip(email)} already belongs to another WordPress user. Use another email, or use Find or Create User to reuse the existing user.`,
      rest_user_invalid_email: `Email: WordPress refused ${clip(email)}: it is not a valid address, or another user already has it (WordPress does not say which). Use Find User to check.`,
      rest_cannot_create_user: needsCapability('create_users', 'create users'),
      rest_cannot_edit_roles: needsCapability('promote_users', 'change user roles') + ' Or leave Roles empty.',
      rest_cannot_edit:
        needsCapability('edit_users', `edit user ${input.userId ?? ''}`) +
        ' (Every user may edit their own profile, and only an Administrator may edit an Administrator.)',
      rest_user_invalid_id: `User: WordPress has no user with ID ${input.userId ?? ''} (the user may have been deleted). Pick the user from the dropdown, or find it with Find User.`,
      // 400: no such role; 401/403: the role exists but the connected user may not give it.
      rest_user_invalid_role: (e) =>
        e.httpStatus === 400
          ? `Roles: ${whichRoles(input.body.roles ?? [])} does not exist on this site.${wordpressSaid(e.body)} Pick roles from the dropdown, or type a role's slug (for example shop_manager).`
          : roleNotAllowed(input.body.roles ?? [], wordpressSaid(e.body)),
      rest_user_invalid_password: (e) => `Password: WordPress refused the password.${wordpressSaid(e.body)}`,
      rest_user_invalid_argument: (e) =>
        `WordPress refused a change.${wordpressSaid(e.body)} (The username cannot be changed.)`,
      rest_invalid_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
      rest_missing_callback_param: (e) => e.body && invalidParamsMessage(e.body, PARAM_LABELS),
    },
    // WordPress answers duplicates with HTTP 500: they are the input's fault, not the server's.
    { existing_user_login: 400, existing_user_email: 400 },
  );
}
