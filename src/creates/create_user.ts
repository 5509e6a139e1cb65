// Create User: a new WordPress user (CRM sync, memberships). Needs an Administrator connection.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Input } from '../zap/input';
import { readUserInput, userInputFields } from '../zap/user_form';
import { UserWriteOutput, saveUser, userWriteOutput } from '../zap/user_write';
import { userCustomOutputFields } from '../wordpress/user_custom';

const inputFields = userInputFields('create');

async function perform(z: ZObject, bundle: Bundle): Promise<UserWriteOutput> {
  return saveUser(z, bundle, readUserInput(bundle.inputData as Input, 'create'));
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
    sample: userWriteOutput.sample,
    outputFields: [...userWriteOutput.outputFields, userCustomOutputFields],
  },
});
