// Reading a date a Zap gives: ISO 8601, a Unix timestamp, text such as an RSS date, or a date with
// a zone abbreviation or name (date_zones.ts). A date with a zone becomes UTC; one without is the
// site's own time. Never a guess: what cannot be read for certain is refused, naming the field.
import type { UserInputError } from '../connection/errors';
import { dateZone } from './date_zones';
import { Field, Input, describe, fieldError, isBlank, single } from './input';
import { siteLocalToUtcMs } from '../wordpress/site_time';
import { clip } from '../wordpress/text';

/** What WordPress's date arguments want: `date` is site time, `date_gmt` is UTC. */
export type WordPressDate = { date: string } | { date_gmt: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const SAY_OFFSET =
  'Write the zone as an offset, for example 2026-12-01T10:00:00-05:00, or leave it out to use the site time zone.';

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
   * Text such as "Sat, 14 Mar 2026 09:30:00 +0100" or `date`'s "Tue Dec  1 10:00:00 EST 2026",
   * read by JavaScript's parser. That parser takes junk too ("1" is a day in 2001), so the text must
   * at least hold a four-digit year; it reads a zone anywhere in the text and ignores a note in
   * parentheses, so a zone anywhere means its instant is right, and a note is refused.
   */
  freeText(): WordPressDate {
    const parsed = new Date(this.text);
    if (!/\b\d{4}\b/.test(this.text) || Number.isNaN(parsed.getTime())) throw this.invalid();
    if (/[()]/.test(this.text)) {
      throw fieldError(
        this.field,
        `"${clip(this.text)}" holds a note in parentheses, which could change the time zone. ${SAY_OFFSET}`,
      );
    }
    if (/\bCST\b/i.test(this.text)) {
      throw fieldError(
        this.field,
        `"${clip(this.text)}" says CST, which stands for several time zones (US Central -06:00, China +08:00, Cuba -05:00). ${SAY_OFFSET}`,
      );
    }
    const zoneWord = /\b(UTC|UT|GMT|Z|[ECMP][SD]T)\b/i.test(this.text);
    const offset = /\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(am|pm)?\s*[+-]\d{1,4}\b|\s[+-]\d{2}:\d{2}\b/i.test(this.text);
    if (zoneWord || offset) return this.gmt(parsed);
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
