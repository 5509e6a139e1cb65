// Update User: changes only the fields filled in; empty fields keep WordPress's values.
import { defineCreate } from 'zapier-platform-core';
import { userInputFields, writeUser } from '../user_fields';
import { userOutputFields, userSample } from '../users';

export const updateUser = defineCreate({
  key: 'update_user',
  noun: 'User',
  display: {
    label: 'Update User',
    description:
      "Updates a WordPress user's email, names, website, biography, roles, password or custom fields. Only the fields you fill in are changed.",
  },
  operation: {
    inputFields: userInputFields('update'),
    perform: (z, bundle) => writeUser(z, bundle, 'update'),
    sample: { ...userSample },
    outputFields: [...userOutputFields],
  },
});
