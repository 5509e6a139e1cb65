// User Updated (Instant): a user each time WordPress saves a change to them (email, names, role,
// registered meta). WordPress keeps no date of a user's last change, so no poll can offer this: the
// companion plugin records the change and pushes it.
import { defineTrigger } from 'zapier-platform-core';
import type { Delivery } from '../connection/companion';
import { defineOutput } from '../wordpress/output';
import { USER_OUTPUT_FIELDS, UserOutput } from '../wordpress/user';
import { userCustomOutputFields } from '../wordpress/user_custom';
import { instantOperation, sampleBundle } from './instant';
import { loadDeliveredUser, userHookFilters } from './instant_users';
import { newUserInputFields, pollUsers } from './new_user';

/** A user as this trigger outputs it: `id` names the change, `user_id` the user. */
type UserChangeOutput = Omit<UserOutput, 'id'> & { id: string; user_id: number; change_seq: number | null };

const userChangeOutput = defineOutput<UserChangeOutput>([
  { key: 'id', label: 'Change ID (User ID and Event Number)', sample: '42-1207' },
  { key: 'user_id', label: 'User ID', type: 'integer', sample: 42 },
  { key: 'change_seq', label: 'Event Number', type: 'integer', sample: 1207 },
  ...USER_OUTPUT_FIELDS.filter((field) => field.key !== 'id'),
]);

function isRendered(user: UserOutput | { id: number }): user is UserOutput {
  return 'email' in user;
}

function asChange(user: UserOutput, delivery?: Delivery): UserChangeOutput {
  return {
    ...user,
    id: `${user.id}-${delivery?.seq ?? 'sample'}`,
    user_id: user.id,
    change_seq: delivery?.seq ?? null,
  };
}

export const userUpdatedInstant = defineTrigger({
  key: 'user_updated_instant',
  noun: 'User',
  display: {
    label: 'User Updated (Instant)',
    description:
      "Triggers when a user's email, name, role or profile fields change in WordPress, the moment it happens. Needs the WP JWT Zapier Companion plugin on the site.",
  },
  operation: {
    type: 'hook',
    inputFields: newUserInputFields,
    ...instantOperation({
      names: { trigger: 'User Updated (Instant)', polling: 'New User' },
      events: ['user.updated'],
      filters: (_z, bundle) => userHookFilters(bundle),
      load: async (z, bundle, delivery) =>
        (await loadDeliveredUser(z, bundle, delivery)).map((user) => asChange(user, delivery)),
    }),
    // A sample is always rendered in full; only a Zap being turned on gets bare IDs.
    performList: async (z, bundle) =>
      (await pollUsers(z, sampleBundle(bundle))).filter(isRendered).map((user) => asChange(user)),
    sample: userChangeOutput.sample,
    outputFields: [...userChangeOutput.outputFields, userCustomOutputFields],
  },
});
