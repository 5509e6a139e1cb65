// New User (Instant): New User's output, pushed by the companion plugin the moment a user registers
// or is added, imports included.
import { defineTrigger } from 'zapier-platform-core';
import { userOutput } from '../wordpress/user';
import { instantOperation, sampleBundle } from './instant';
import { loadDeliveredUser, userHookFilters } from './instant_users';
import { newUser, newUserInputFields, pollUsers } from './new_user';
import { pollResult } from './polling';

export const newUserInstant = defineTrigger({
  key: 'new_user_instant',
  noun: 'User',
  display: {
    label: 'New User (Instant)',
    description:
      'Triggers when a new user registers, the moment it happens. Needs the WP JWT Zapier Companion plugin on the site; without it, use New User.',
  },
  operation: {
    type: 'hook',
    inputFields: newUserInputFields,
    ...instantOperation({
      names: { trigger: 'New User (Instant)', polling: 'New User' },
      events: ['user.created'],
      filters: (_z, bundle) => userHookFilters(bundle),
      load: loadDeliveredUser,
    }),
    performList: async (z, bundle) => pollResult(await pollUsers(z, sampleBundle(bundle))),
    sample: userOutput.sample,
    outputFields: newUser.operation.outputFields,
  },
});
