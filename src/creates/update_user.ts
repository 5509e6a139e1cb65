// Update User: changes only the fields filled in; empty fields keep WordPress's values.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../errors';
import type { Input } from '../input';
import { siteUrlOf } from '../site';
import { clip } from '../text';
import { UserOutput, toUserOutput, userOutput } from '../user';
import { readUserInput, userFields, userInputFields } from '../user_form';
import { saveUser } from '../user_write';

const field = userFields('update');

const inputFields = userInputFields('update');

async function perform(z: ZObject, bundle: Bundle): Promise<UserOutput> {
  const { user, lostMeta } = await saveUser(z, bundle, readUserInput(bundle.inputData as Input, 'update'));
  if (lostMeta.length) {
    throw new UserInputError(
      `WordPress updated user ${user.id}, but did not save ${field.meta.label} ${lostMeta.map((k) => `"${clip(k)}"`).join(', ')}: ` +
        `not registered for the REST API (a developer must register ${lostMeta.length > 1 ? 'them' : 'it'} for users with show_in_rest => true).`,
      'partially_applied',
    );
  }
  return toUserOutput(user, siteUrlOf(bundle));
}

export const updateUser = defineCreate({
  key: 'update_user',
  noun: 'User',
  display: {
    label: 'Update User',
    description:
      "Updates a WordPress user's email, names, website, biography, roles, password or custom fields. Only the fields you fill in are changed.",
  },
  operation: {
    inputFields,
    perform,
    sample: userOutput.sample,
    outputFields: userOutput.outputFields,
  },
});
