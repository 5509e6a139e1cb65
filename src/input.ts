// Reading a Zap's input. Values come from forms, mapped fields of earlier steps and Zapier's own
// coercion, so any field may hold text where a number is expected, whitespace, a list, or nothing.
// Every reader here returns `undefined` for "not filled in" (missing, empty or only whitespace),
// which is what lets Update actions send only the fields the user filled in, and throws a message
// naming the field for anything else it cannot use. Nothing here makes a request.
import { UserInputError } from './errors';
import { dateZone } from './date_zones';
import { siteLocalToUtcMs } from './site_time';
import { clip } from './text';

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

function fieldError(field: Field, problem: string): UserInputError {
  return new UserInputError(`${field.label}: ${problem}`, 'invalid_input');
}

function describe(value: unknown): string {
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
function single(field: Field, value: unknown): unknown {
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

/** What WordPress's date arguments want: `date` is site time, `date_gmt` is UTC. */
export type WordPressDate = { date: string } | { date_gmt: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Any date Zapier may hand over: ISO 8601 with or without a zone, a date alone, a Unix timestamp
 * (seconds or milliseconds), or text such as "Sat, 14 Mar 2026 09:30:00 +0100". A value with a
 * zone becomes UTC (`date_gmt`); one without is taken as the site's own time (`date`), which is
 * what a person typing "2026-03-14 09:30" means. A zone may also be written as an abbreviation
 * (EST), UTC+1 or a zone name (America/New_York): date_zones.ts reads those, and refuses an
 * abbreviation that stands for several zones (IST).
 */
export function optionalDate(input: Input, field: Field): WordPressDate | undefined {
  const value = single(field, input[field.key]);
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw fieldError(field, `expects a date, got ${describe(value)}.`);
  }
  const date = new DateReader(field, String(value).trim());
  return date.timestamp() ?? date.iso() ?? date.zoned() ?? date.freeText();
}

/** One date value read in each form it may take; each reader returns undefined when it is not its form. */
class DateReader {
  constructor(
    private readonly field: Field,
    private readonly text: string,
  ) {}

  /** A Unix timestamp, in seconds or milliseconds. */
  timestamp(): WordPressDate | undefined {
    if (!/^-?\d{9,13}$/.test(this.text)) return undefined;
    const n = Number(this.text);
    return this.gmt(new Date(this.text.length >= 12 ? n : n * 1000));
  }

  /** ISO 8601: a date, a time, and perhaps an offset. */
  iso(): WordPressDate | undefined {
    const iso =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
        this.text,
      );
    if (!iso) return undefined;
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = iso;
    const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
    const probe = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
    // Date.UTC rolls 2026-02-30 over into March; a date that does not survive the round trip is invalid.
    const rolled = probe.getUTCMonth() !== parts[1] - 1 || probe.getUTCDate() !== parts[2];
    if (rolled || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) throw this.invalid();
    if (!zone) return this.local(parts);
    const offset = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
    return this.gmt(new Date(probe.getTime() - offset * 60_000));
  }

  /** A date followed by a zone abbreviation or name (date_zones.ts): read as that zone's wall clock. */
  zoned(): WordPressDate | undefined {
    const named = dateZone(this.text);
    if (!named) return undefined;
    let local: WordPressDate | undefined;
    try {
      local = optionalDate({ [this.field.key]: named.date }, this.field);
    } catch {
      throw this.invalid();
    }
    if (!local || !('date' in local)) throw this.invalid();
    if ('refusal' in named) throw fieldError(this.field, `"${clip(this.text)}" ${named.refusal}`);
    return this.gmt(new Date(siteLocalToUtcMs(local.date, named.zone)));
  }

  /**
   * Text such as "Sat, 14 Mar 2026 09:30:00 +0100", read by JavaScript's parser. That parser takes
   * junk too ("1" is a day in 2001), so the text must at least hold a four-digit year.
   */
  freeText(): WordPressDate {
    const parsed = new Date(this.text);
    if (!/\b\d{4}\b/.test(this.text) || Number.isNaN(parsed.getTime())) throw this.invalid();
    if (/(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*(\(.*\))?$/i.test(this.text)) return this.gmt(parsed);
    // No zone in the text: JavaScript read it in the process's zone, so its local parts are what was written.
    return this.local([
      parsed.getFullYear(),
      parsed.getMonth() + 1,
      parsed.getDate(),
      parsed.getHours(),
      parsed.getMinutes(),
      parsed.getSeconds(),
    ]);
  }

  private gmt(date: Date): WordPressDate {
    if (Number.isNaN(date.getTime())) throw this.invalid();
    this.checkYear(date.getUTCFullYear());
    return { date_gmt: date.toISOString().slice(0, 19) };
  }

  private local([y, mo, d, h, mi, s]: number[]): WordPressDate {
    this.checkYear(y ?? 0);
    return { date: `${pad(y ?? 0, 4)}-${pad(mo ?? 1)}-${pad(d ?? 1)}T${pad(h ?? 0)}:${pad(mi ?? 0)}:${pad(s ?? 0)}` };
  }

  private checkYear(year: number): void {
    if (year < 1970 || year > 9999) {
      throw fieldError(this.field, `"${clip(this.text)}" is outside the years WordPress can store (1970–9999).`);
    }
  }

  private invalid(): UserInputError {
    return fieldError(
      this.field,
      `"${clip(this.text)}" is not a date. Use a date such as 2026-03-14T09:30:00+01:00 (or pick one in Zapier's date field).`,
    );
  }
}

function zoneMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
