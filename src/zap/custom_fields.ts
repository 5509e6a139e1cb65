// The inputs a site's own schema adds to a form (schema.ts): one per registered meta key
// (`meta__<key>`) and per ACF field (`acf__<name>`), typed as WordPress declares them, and the
// reader that checks every value before any request, naming the field and the type it expects.
// What each value becomes is what WordPress and ACF accept: a whole number for `integer`, `true`
// or `false`, a select's value as a string (ACF stores a list as a serialized array), a date as
// `Ymd` (ACF stores dates exactly as sent), an image as a media ID (a URL is uploaded first).
import { UserInputError } from '../connection/errors';
import { Input, isBlank, optionalEmail, optionalList, optionalText, optionalUrl, single } from './input';
import { CustomField, ItemKind, ObjectSchema } from '../wordpress/schema';
import { clip } from '../wordpress/text';

/** The longest text a custom field takes here (meta values are LONGTEXT; this only stops mistakes). */
const TEXT_MAX = 100_000;

const EXPECTS: Record<ItemKind, string> = {
  text: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'yes or no',
};

/** One input of the Zap editor for a custom field, with the schema's description as help. */
export function customFieldInput(field: CustomField) {
  const help = field.description && field.description !== field.label ? `${field.description} ` : '';
  const base = { key: field.key, label: field.label, required: false };
  switch (field.kind) {
    case 'integer':
      return { ...base, type: 'integer', helpText: `${help}A whole number.` } as const;
    case 'number':
      return { ...base, type: 'number', helpText: `${help}A number, such as 19.99.` } as const;
    case 'boolean':
      return { ...base, type: 'boolean', helpText: `${help}Yes or no.` } as const;
    case 'choice':
      return {
        ...base,
        choices: (field.choices ?? []).map((value) => ({ value, label: value, sample: value })),
        helpText: `${help}One of: ${(field.choices ?? []).join(', ')}.`,
      };
    case 'date':
      return { ...base, helpText: `${help}A date, such as 2024-03-15 or March 15, 2024.` } as const;
    case 'media':
      return {
        ...base,
        type: 'file',
        helpText: `${help}A file from an earlier step or a public link (https://…), uploaded to the media library; or the ID of an item already there.`,
      } as const;
    case 'list':
      return {
        ...base,
        list: true,
        helpText: `${help}Several values: ${EXPECTS[field.itemKind ?? 'text']} each.`,
      } as const;
    default:
      return { ...base, helpText: help.trim() || undefined } as const;
  }
}

/** The inputs for a schema's fields, in the schema's order. */
export function customFieldInputs(schema: Pick<ObjectSchema, 'fields'>) {
  return schema.fields.map(customFieldInput);
}

/** What the custom inputs hold, checked: values by REST property, and images still to upload. */
export interface CustomValues {
  meta: Record<string, unknown>;
  acf: Record<string, unknown>;
  /** Image and file fields given as a URL: uploaded before the write, their IDs sent. */
  uploads: Array<{ field: CustomField; url: string }>;
}

function wrongValue(field: CustomField, expects: string, value: unknown): UserInputError {
  const shown = typeof value === 'string' || typeof value === 'number' ? `"${clip(String(value))}"` : 'a list';
  return new UserInputError(`${field.label} expects ${expects}; got ${shown}.`, 'invalid_input');
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

/** One value as `kind` wants it, or an error naming the field and the type. */
function scalar(field: CustomField, kind: ItemKind, value: unknown): string | number | boolean {
  if (typeof value === 'object' && value !== null) throw wrongValue(field, EXPECTS[kind], value);
  const text = String(value).trim();
  if (kind === 'integer') {
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw wrongValue(field, EXPECTS[kind], value);
    return Number(text);
  }
  if (kind === 'number') {
    const n = Number(text.replace(/,(?=\d{3}\b)/g, ''));
    if (!text || !Number.isFinite(n)) throw wrongValue(field, EXPECTS[kind], value);
    return n;
  }
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (TRUE_WORDS.has(text.toLowerCase())) return true;
    if (FALSE_WORDS.has(text.toLowerCase())) return false;
    throw wrongValue(field, EXPECTS[kind], value);
  }
  if (text.length > TEXT_MAX) throw wrongValue(field, `at most ${TEXT_MAX.toLocaleString('en-US')} characters`, '…');
  return text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar date as ACF keeps it, `Ymd`. Taken as written where it is written as digits (a time
 * and a zone after it change nothing: ACF's date has no time); text such as "March 15, 2024" is
 * read by JavaScript's parser.
 */
export function toYmd(field: CustomField, value: unknown): string {
  const text = String(single(field, value)).trim();
  const digits = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:$|[T\s])/.exec(text);
  let [y, m, d] = digits ? digits.slice(1).map(Number) : [NaN, NaN, NaN];
  if (!digits) {
    const parsed = new Date(`${text}${/\d{1,2}:\d{2}|[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) ? '' : ' 00:00 UTC'}`);
    if (!/[a-z]/i.test(text) || Number.isNaN(parsed.getTime()))
      throw wrongValue(field, 'a date (such as 2024-03-15)', value);
    [y, m, d] = [parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate()];
  }
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m! - 1 || probe.getUTCDate() !== d) {
    throw wrongValue(field, 'a date (such as 2024-03-15)', value);
  }
  return `${y}${pad(m!)}${pad(d!)}`;
}

function readChoice(field: CustomField, value: unknown): string {
  const text = String(single(field, value)).trim();
  const choice = (field.choices ?? []).find((c) => c.toLowerCase() === text.toLowerCase());
  if (choice === undefined) throw wrongValue(field, `one of ${(field.choices ?? []).join(', ')}`, text);
  return choice;
}

/** One filled-in field's value as WordPress takes it; `upload` when it is a link to upload first. */
function readOne(input: Input, field: CustomField): { value: unknown } | { upload: string } {
  const raw = input[field.key];
  switch (field.kind) {
    case 'choice':
      return { value: readChoice(field, raw) };
    case 'date':
      return { value: toYmd(field, raw) };
    case 'url':
      return { value: optionalUrl(input, field, 2048) };
    case 'email':
      return { value: optionalEmail(input, field) };
    case 'media': {
      const text = optionalText(input, field, { max: 8192 })!;
      return /^\d+$/.test(text) ? { value: scalar(field, 'integer', text) } : { upload: text };
    }
    case 'list': {
      const items = optionalList(input, field, { splitCommas: true, maxItemLength: TEXT_MAX }) ?? [];
      return { value: items.map((item) => scalar(field, field.itemKind ?? 'text', item)) };
    }
    default:
      return { value: scalar(field, field.kind, single(field, raw)) };
  }
}

/**
 * The custom fields filled in, checked before any request. An empty input is left out (it keeps
 * WordPress's value, as every other field of an update does).
 */
export function readCustomValues(input: Input, schema: Pick<ObjectSchema, 'fields'>): CustomValues {
  const values: CustomValues = { meta: {}, acf: {}, uploads: [] };
  for (const field of schema.fields) {
    if (isBlank(input[field.key])) continue;
    const read = readOne(input, field);
    if ('upload' in read) values.uploads.push({ field, url: read.upload });
    else values[field.source][field.name] = read.value;
  }
  return values;
}

/** Whether a form holds a value in a field it does not list itself: a custom one, worth the schema. */
export function hasCustomInput(input: Input, knownKeys: ReadonlySet<string>): boolean {
  return Object.entries(input).some(([key, value]) => !knownKeys.has(key) && !isBlank(value));
}
