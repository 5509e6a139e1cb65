// Update User: changes only the fields filled in; empty fields keep WordPress's values (Zapier sends
// unmapped fields empty), and Clear These Fields empties the ones it lists.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Input } from '../zap/input';
import { readUserInput, userInputFields } from '../zap/user_form';
import { UserWriteOutput, saveUser, userWriteOutput } from '../zap/user_write';
import { userCustomOutputFields } from '../wordpress/user_custom';

const inputFields = userInputFields('update');

async function perform(z: ZObject, bundle: Bundle): Promise<UserWriteOutput> {
  return saveUser(z, bundle, readUserInput(bundle.inputData as Input, 'update'));
}

export const updateUser = defineCreate({
  key: 'update_user',
  noun: 'User',
  display: {
    label: 'Update User',
    description:
      "Updates a WordPress user's email, names, website, biography, roles, password or custom fields. Only the fields you fill in are changed; Clear These Fields empties the ones you pick.",
  },
  operation: {
    inputFields,
    perform,
    sample: userWriteOutput.sample,
    outputFields: [...userWriteOutput.outputFields, userCustomOutputFields],
  },
});
