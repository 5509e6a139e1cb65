// Create User: a new WordPress user (CRM sync, memberships). Needs an Administrator connection.
import { defineCreate } from 'zapier-platform-core';
import { userInputFields, writeUser } from '../user_fields';
import { userOutputFields, userSample } from '../users';

export const createUser = defineCreate({
  key: 'create_user',
  noun: 'User',
  display: {
    label: 'Create User',
    description:
      'Creates a WordPress user with a username, email, name, roles and profile. Needs an Administrator connection.',
  },
  operation: {
    inputFields: userInputFields('create'),
    perform: (z, bundle) => writeUser(z, bundle, 'create'),
    sample: { ...userSample },
    outputFields: [...userOutputFields],
  },
});
