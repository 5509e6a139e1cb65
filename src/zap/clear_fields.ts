// The Clear These Fields input of Update Post and Update User. Zapier sends every field a Zap does
// not map as empty, so an empty field has to mean "leave as is"; emptying a value is asked for
// here instead, by name. Only fields WordPress really lets be empty are offered (it makes a slug, a
// nickname or a display name up again).
import { UserInputError } from '../connection/errors';
import { Input, choicesOf, optionalList } from './input';
import { clip } from '../wordpress/text';

const FIELD = { key: 'clear_fields', label: 'Clear These Fields' } as const;

/** The input: a multiple choice of `fields` (key → the label of the field it empties). */
export function clearFieldsField(fields: Record<string, string>, helpText: string) {
  return { ...FIELD, list: true, choices: choicesOf(fields), required: false, helpText } as const;
}

/**
 * The keys of the fields to empty, each once: picked (keys) or typed and mapped (labels too, in any
 * case, several separated by commas). A field that is also filled in (`filled`) is refused: the
 * Zap would both set and empty it.
 */
export function readClearFields<K extends string>(
  input: Input,
  fields: Record<K, string>,
  filled: (key: K) => boolean,
): K[] {
  const values = optionalList(input, FIELD, { splitCommas: true, maxItemLength: 100 }) ?? [];
  const keys: K[] = [];
  for (const value of values) {
    const wanted = value.toLowerCase();
    const key = (Object.keys(fields) as K[]).find((k) => k === wanted || fields[k].toLowerCase() === wanted);
    if (key === undefined) {
      throw new UserInputError(
        `${FIELD.label}: "${clip(value)}" is not a field this action can empty. Pick from: ${Object.values(fields).join(', ')}.`,
        'invalid_input',
      );
    }
    if (filled(key)) {
      const label = fields[key];
      throw new UserInputError(
        `${label} is filled in and also listed in ${FIELD.label}: a field can be set or emptied, not both. Leave ${label} empty to empty it, or take it out of ${FIELD.label}.`,
        'invalid_input',
      );
    }
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
