// Users' own fields (registered user meta and ACF user fields) in Create User, Update User, New User
// and Find User, from the users route's schema (schema.ts): typed inputs, checked before the write,
// and labelled outputs. A run reads the schema only when the Zap filled in one of these fields.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../connection/errors';
import { CustomValues, customFieldInputs, hasCustomInput, readCustomValues } from '../zap/custom_fields';
import { customOutputFields } from './custom_output';
import { Input, isBlank } from '../zap/input';
import { userSchema } from './schema';

/** Create User's and Update User's inputs for the site's user meta and ACF user fields. */
export async function userCustomInputs(z: ZObject, bundle: Bundle) {
  return customFieldInputs(await userSchema(z, bundle));
}

/** The labels of the users' own outputs, for the Zap editor. */
export async function userCustomOutputFields(z: ZObject, bundle: Bundle) {
  return customOutputFields(await userSchema(z, bundle));
}

/** The custom values of a user write, checked: undefined (and no request) when none is filled in. */
export async function readUserCustom(
  z: ZObject,
  bundle: Bundle,
  knownKeys: ReadonlySet<string>,
): Promise<CustomValues | undefined> {
  const input = (bundle.inputData ?? {}) as Input;
  if (!hasCustomInput(input, knownKeys)) return undefined;
  const schema = await userSchema(z, bundle);
  const known = new Set(schema.fields.map((field) => field.key));
  const unknown = Object.keys(input).filter((key) => !knownKeys.has(key) && !known.has(key) && !isBlank(input[key]));
  if (unknown.length) {
    throw new UserInputError(
      `WordPress lists no user field ${unknown.map((key) => `"${key}"`).join(', ')} (any more): it would ignore it. Reload the form and fill in the fields it shows.`,
      'unknown_custom_field',
    );
  }
  return readCustomValues(input, schema);
}
