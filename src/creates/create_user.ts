// Create User: a new WordPress user (CRM sync, memberships). Needs an Administrator connection.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../errors';
import type { Input } from '../input';
import { siteUrlOf } from '../site';
import { clip } from '../text';
import { UserOutput, toUserOutput, userOutput } from '../user';
import { readUserInput, userFields, userInputFields } from '../user_form';
import { saveUser } from '../user_write';

const field = userFields('create');

const inputFields = userInputFields('create');

async function perform(z: ZObject, bundle: Bundle): Promise<UserOutput> {
  const { user, lostMeta } = await saveUser(z, bundle, readUserInput(bundle.inputData as Input, 'create'));
  if (lostMeta.length) {
    throw new UserInputError(
      `WordPress created user ${user.id} (${user.username ?? ''}), but did not save ${field.meta.label} ${lostMeta.map((k) => `"${clip(k)}"`).join(', ')}: ` +
        `not registered for the REST API (a developer must register ${lostMeta.length > 1 ? 'them' : 'it'} for users with show_in_rest => true). ` +
        'The user exists: use Update User (or Find or Create User) rather than running this step again.',
      'partially_applied',
    );
  }
  return toUserOutput(user, siteUrlOf(bundle));
}

export const createUser = defineCreate({
  key: 'create_user',
  noun: 'User',
  display: {
    label: 'Create User',
    description:
      'Creates a WordPress user with a username, email, name, roles and profile. Needs an Administrator connection.',
  },
  operation: {
    inputFields,
    perform,
    sample: userOutput.sample,
    outputFields: userOutput.outputFields,
  },
});
