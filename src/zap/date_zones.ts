// The zone written after a date: an abbreviation (`EST`), `UTC+1`, or a zone name
// (`America/New_York`). JavaScript's own parser knows only the North American abbreviations and
// reads every other word as an invalid date, or, worse, lets a caller take the date as site time.
// An abbreviation that stands for several zones is refused: a wrong time must never be stored.
import type { SiteZone } from '../wordpress/site_time';
import { clip } from '../wordpress/text';

/**
 * Abbreviations that name one offset. EST, MST and PST (and their daylight forms, and CDT) are North
 * American, as RFC 2822 defines them for the email and RSS dates that carry abbreviations; China
 * and the Philippines must write +08:00.
 */
const ZONE_HOURS: Record<string, number> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 1,
  CET: 1,
  CEST: 2,
  MEZ: 1,
  MESZ: 2,
  EET: 2,
  EEST: 3,
  MSK: 3,
  WAT: 1,
  CAT: 2,
  SAST: 2,
  EAT: 3,
  PKT: 5,
  NPT: 5.75,
  WIB: 7,
  HKT: 8,
  SGT: 8,
  AWST: 8,
  JST: 9,
  KST: 9,
  ACST: 9.5,
  ACDT: 10.5,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
  NST: -3.5,
  NDT: -2.5,
  ADT: -3,
  ART: -3,
  BRT: -3,
  EST: -5,
  EDT: -4,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  HDT: -9,
};

/** Abbreviations in wide use for more than one zone: what each may mean, and an example to write. */
const AMBIGUOUS: Record<string, { meanings: string[]; offset: string; name: string }> = {
  IST: { meanings: ['India +05:30', 'Ireland +01:00', 'Israel +02:00'], offset: '+05:30', name: 'Asia/Kolkata' },
  BST: { meanings: ['British Summer Time +01:00', 'Bangladesh +06:00'], offset: '+01:00', name: 'Europe/London' },
  AST: { meanings: ['Atlantic -04:00', 'Arabia +03:00'], offset: '-04:00', name: 'America/Halifax' },
  GST: { meanings: ['Gulf +04:00', 'South Georgia -02:00'], offset: '+04:00', name: 'Asia/Dubai' },
  SST: { meanings: ['Samoa -11:00', 'Singapore +08:00'], offset: '+08:00', name: 'Asia/Singapore' },
  ECT: { meanings: ['Ecuador -05:00', 'Eastern Caribbean -04:00'], offset: '-05:00', name: 'America/Guayaquil' },
  // What `date` prints on a server set to Asia/Shanghai, as much as US Central.
  CST: { meanings: ['US Central -06:00', 'China +08:00', 'Cuba -05:00'], offset: '-06:00', name: 'America/Chicago' },
};

/** Words that end a date without being a zone: 10 PM, 1st, May. */
const NOT_A_ZONE = new Set(
  'AM PM A P ST ND RD TH JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC MARCH APRIL JUNE JULY MON TUE TUES WED THU THUR THURS FRI SAT SUN'.split(
    ' ',
  ),
);

/** The date before its zone, and the zone (as the site's zone is given), or why it is refused. */
export type DateZone = { date: string; zone: SiteZone } | { date: string; refusal: string };

// Each matches only the end of the text, so that no input makes them scan it more than once.
const NAME = /\s([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;
const OFFSET = /(?:UTC|GMT|UT)\s?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const WORD = /(?<![a-z])([a-z]{1,5})$/i;

/** The text before a zone, when it ends as a date does: a digit, or a digit and AM/PM. */
function dateBefore(text: string, index: number): string | undefined {
  const date = text.slice(0, index).trimEnd();
  const time = date.replace(/[ap]\.?m\.?$/i, '').trimEnd();
  return /\d$/.test(time) ? date : undefined;
}

/**
 * The zone at the end of `text`, or undefined when there is none this module reads (an ISO offset
 * such as +01:00, which the caller reads itself). `text` is the whole value, for messages.
 */
export function dateZone(text: string): DateZone | undefined {
  const name = NAME.exec(text);
  const nameDate = name && dateBefore(text, name.index);
  if (name && nameDate) return namedZone(nameDate, name[1]!);
  const offset = OFFSET.exec(text);
  const offsetDate = offset && dateBefore(text, offset.index);
  if (offset && offsetDate) {
    const [, sign, hours, minutes = '0'] = offset;
    const value = Number(hours) + Number(minutes) / 60;
    if (value > 14 || Number(minutes) > 59) {
      return {
        date: offsetDate,
        refusal: `ends in an offset no time zone has (at most 14 hours). ${writeOffset(offsetDate)}`,
      };
    }
    return { date: offsetDate, zone: { gmt_offset: sign === '-' ? -value : value } };
  }
  const word = WORD.exec(text);
  const abbreviation = word?.[1]?.toUpperCase();
  const date = word && dateBefore(text, word.index);
  if (!abbreviation || !date || NOT_A_ZONE.has(abbreviation)) return undefined;
  const hours = ZONE_HOURS[abbreviation];
  if (hours !== undefined) return { date, zone: { gmt_offset: hours } };
  const ambiguous = AMBIGUOUS[abbreviation];
  if (ambiguous) {
    const { meanings, offset: example, name: exampleName } = ambiguous;
    return {
      date,
      refusal: `ends in ${abbreviation}, which stands for several time zones (${meanings.join(', ')}). ${writeOffset(date, example, exampleName)}`,
    };
  }
  return { date, refusal: `ends in "${abbreviation}", which is not a time zone this app knows. ${writeOffset(date)}` };
}

function namedZone(date: string, name: string): DateZone {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return { date, refusal: `ends in "${name}", which is not a time zone name this app knows. ${writeOffset(date)}` };
  }
  return { date, zone: { timezone_string: name } };
}

const writeOffset = (text: string, offset = '+05:30', name = 'America/New_York') => {
  const date = clip(text, 40);
  return `Write the offset instead, for example ${date} ${offset} (or ${date} ${name}), or leave the zone out to use the site's time zone.`;
};
