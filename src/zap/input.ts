// Reading a Zap's input. Values come from forms, mapped fields of earlier steps and Zapier's own
// coercion, so any field may hold text where a number is expected, whitespace, a list, or nothing.
// Every reader here returns `undefined` for "not filled in" (missing, empty or only whitespace),
// which is what lets Update actions send only the fields the user filled in, and throws a message
// naming the field for anything else it cannot use. Nothing here makes a request.
import { UserInputError } from '../connection/errors';
import { clip } from '../wordpress/text';

export type Input = Record<string, unknown>;

/** A fixed set of values as a dropdown offers them: WordPress's value, the label people know. */
export function choicesOf(values: Record<string, string>): Array<{ value: string; label: string; sample: string }> {
  return Object.entries(values).map(([value, label]) => ({ value, label, sample: value }));
}

/** The Custom Fields input of posts and users: key/value rows, read by `optionalDict`. */
export function customFieldsField(helpText: string) {
  return { key: 'meta', label: 'Custom Fields', dict: true, required: false, helpText } as const;
}

/** A field as messages name it: its label, which is what the user sees in the Zap editor. */
export interface Field {
  key: string;
  label: string;
}

export function fieldError(field: Field, problem: string): UserInputError {
  return new UserInputError(`${field.label}: ${problem}`, 'invalid_input');
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** True when a value counts as "not filled in". */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** A one-element list is what a mapped single value sometimes becomes: treat it as the value. */
export function single(field: Field, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const filled = value.filter((v) => !isBlank(v));
  if (filled.length > 1) throw fieldError(field, `expects one value, got a list of ${filled.length}.`);
  return filled[0];
}

export interface TextOptions {
  /** Longest accepted value, in characters. */
  max: number;
  /** Keep leading/trailing whitespace (HTML content is sent exactly as given). */
  keepWhitespace?: boolean;
}

export function optionalText(input: Input, field: Field, options: TextOptions): string | undefined {
  const value = single(field, input[field.key]);
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw fieldError(field, `expects text, got ${describe(value)}.`);
  }
  const text = options.keepWhitespace ? String(value) : String(value).trim();
  if (text.length > options.max) {
    throw fieldError(
      field,
      `is ${text.length.toLocaleString('en-US')} characters long; WordPress accepts at most ${options.max.toLocaleString('en-US')} here. Shorten it.`,
    );
  }
  return text;
}

export function requiredText(input: Input, field: Field, options: TextOptions): string {
  const text = optionalText(input, field, options);
  if (text === undefined) throw fieldError(field, 'is required. Fill it in or map a value from an earlier step.');
  return text;
}

/** WordPress IDs: positive whole numbers (a dropdown gives them as text). */
export function optionalId(input: Input, field: Field): number | undefined {
  const value = single(field, input[field.key]);
  if (isBlank(value)) return undefined;
  return parseId(field, value);
}

export function requiredId(input: Input, field: Field): number {
  const id = optionalId(input, field);
  if (id === undefined) {
    throw fieldError(field, 'is required. Pick one from the dropdown, or map an ID from an earlier step.');
  }
  return id;
}

/** A positive whole number written in digits (what a dropdown gives), or undefined. */
export function asId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const id = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function parseId(field: Field, value: unknown): number {
  const id = asId(value);
  if (id !== undefined) return id;
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw fieldError(field, `expects an ID (a whole number such as 42), got ${describe(value)}.`);
  }
  throw fieldError(
    field,
    `"${clip(String(value).trim())}" is not an ID. Use a positive whole number such as 42, or pick from the dropdown.`,
  );
}

/** IDs from a dropdown, a mapped list or a comma-separated string, each once. */
export function optionalIds(input: Input, field: Field): number[] {
  const values = optionalList(input, field, { splitCommas: true, maxItemLength: 40 }) ?? [];
  return [...new Set(values.map((value) => parseId(field, value)))];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

export function optionalBoolean(input: Input, field: Field): boolean | undefined {
  const value = single(field, input[field.key]);
  if (isBlank(value)) return undefined;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw fieldError(field, `"${clip(String(value))}" is not yes or no. Use true/false or yes/no.`);
}

/** One of a fixed set of values; the label the dropdown shows is accepted too. */
export function optionalChoice<T extends string>(
  input: Input,
  field: Field,
  choices: Record<T, string>,
): T | undefined {
  const value = single(field, input[field.key]);
  if (isBlank(value)) return undefined;
  const text = String(value).trim().toLowerCase();
  for (const [key, label] of Object.entries(choices) as Array<[T, string]>) {
    if (key.toLowerCase() === text || label.toLowerCase() === text) return key;
  }
  throw fieldError(field, `"${clip(String(value))}" is not one of: ${Object.keys(choices).join(', ')}.`);
}

/**
 * A list field's values, each trimmed, blanks dropped. With `splitCommas`, one mapped or typed
 * "a, b, c" becomes three values; it arrives as text or as a list of that one item. The items of a
 * real list are values as they are: ["News", "Foo, Bar"] is two category names.
 */
export function optionalList(
  input: Input,
  field: Field,
  options: { splitCommas?: boolean; maxItemLength: number },
): string[] | undefined {
  const value = input[field.key];
  if (isBlank(value)) return undefined;
  const items = (Array.isArray(value) ? value : [value]).filter((item) => !isBlank(item));
  const split = options.splitCommas && items.length === 1;
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw fieldError(field, `expects text or IDs, got ${describe(item)}.`);
    }
    const parts = split ? String(item).split(',') : [String(item)];
    for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
      if (part.length > options.maxItemLength) {
        throw fieldError(
          field,
          `"${clip(part)}" is ${part.length} characters long; at most ${options.maxItemLength} are allowed.`,
        );
      }
      if (!out.includes(part)) out.push(part);
    }
  }
  return out.length ? out : undefined;
}

/**
 * Zapier `dict` fields arrive as an object; a mapped value may be a JSON object in text. Keys are
 * trimmed; a row with a key but no value sends an empty string (that is how a value is cleared).
 */
export function optionalDict(input: Input, field: Field): Record<string, string> | undefined {
  let value = input[field.key];
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw fieldError(field, 'expects key/value pairs (or a JSON object such as {"source": "zapier"}).');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw fieldError(field, `expects key/value pairs, got ${describe(value)}.`);
  }
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.trim();
    if (!key) {
      if (isBlank(rawValue)) continue;
      throw fieldError(field, 'has a value without a key. Fill in the key (the custom field name) on every row.');
    }
    if (rawValue !== null && typeof rawValue === 'object') {
      throw fieldError(field, `the value of "${clip(key)}" must be text, got ${describe(rawValue)}.`);
    }
    out[key] = rawValue === undefined || rawValue === null ? '' : String(rawValue);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Loose but useful: one @, something on both sides, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function optionalEmail(input: Input, field: Field): string | undefined {
  const email = optionalText(input, field, { max: 100 });
  if (email !== undefined && !EMAIL.test(email)) {
    throw fieldError(field, `"${clip(email)}" is not an email address (expected name@example.com).`);
  }
  return email;
}

export function optionalUrl(input: Input, field: Field, max: number): string | undefined {
  const text = optionalText(input, field, { max });
  if (text === undefined) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw fieldError(field, `"${clip(text)}" is not a web address (expected https://example.com).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fieldError(field, `"${clip(text)}" must start with http:// or https://.`);
  }
  return withScheme;
}
