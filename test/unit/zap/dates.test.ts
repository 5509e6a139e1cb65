// Reading a date a Zap gives: ISO, timestamps, text, and zones written after the date.
import { optionalDate } from '../../../src/zap/dates';
import { userMessage } from '../helpers';

const f = (key: string) => ({ key, label: key.toUpperCase() });

describe('dates', () => {
  it('dates: leap days, midnight, fractional seconds, zones', () => {
    expect(optionalDate({ d: '2028-02-29' }, f('d'))).toEqual({ date: '2028-02-29T00:00:00' });
    expect(() => optionalDate({ d: '2027-02-29' }, f('d'))).toThrow(/2027-02-29.{0,2} is not a date/);
    expect(optionalDate({ d: '2026-05-01T23:59:59.999+14:00' }, f('d'))).toEqual({ date_gmt: '2026-05-01T09:59:59' });
    expect(optionalDate({ d: 1777629600 }, f('d'))).toEqual({ date_gmt: '2026-05-01T10:00:00' });
    expect(() => optionalDate({ d: true }, f('d'))).toThrow(/D: expects a date, got boolean/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).toThrow(/is not a date/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).not.toThrow(/x{61}/);
  });

  it('dates: text JavaScript would read as some day in 2001 is not a date', () => {
    for (const junk of ['1', '12', 'x UTC+1', 'May 3', 'soon 7']) {
      expect(() => optionalDate({ d: junk }, f('d'))).toThrow(/is not a date/);
    }
    expect(optionalDate({ d: 'Sat, 14 Mar 2026 09:30:00 +0100' }, f('d'))).toEqual({ date_gmt: '2026-03-14T08:30:00' });
    expect(optionalDate({ d: 'March 14, 2026 09:30' }, f('d'))).toEqual({ date: '2026-03-14T09:30:00' });
  });
});

describe('dates with a zone written as an abbreviation, UTC±h or a zone name (never read as site time)', () => {
  const d = f('d');
  /** The message a date is refused with, as the user reads it. */
  const refusal = (text: string): string => {
    try {
      optionalDate({ d: text }, d);
    } catch (err) {
      return userMessage(err);
    }
    throw new Error(`${text} was not refused`);
  };
  it.each<[string, string]>([
    ['2026-12-01 10:00 EST', '2026-12-01T15:00:00'],
    ['2026-07-01 10:00 EDT', '2026-07-01T14:00:00'],
    ['Tue, 01 Dec 2026 10:00:00 PST', '2026-12-01T18:00:00'],
    ['2026-12-01T10:00:00 CET', '2026-12-01T09:00:00'],
    ['2026-12-01 10:00 PM cdt', '2026-12-02T03:00:00'],
    ['2026-12-01 10:00 AEDT', '2026-11-30T23:00:00'],
    ['2026-12-01 10:00 ACST', '2026-12-01T00:30:00'],
    ['2026-12-01 10:00 NPT', '2026-12-01T04:15:00'],
    ['2026-12-01 10:00 UTC', '2026-12-01T10:00:00'],
    ['2026-12-01 10:00 UTC+1', '2026-12-01T09:00:00'],
    ['2026-12-01 10:00 GMT-05:30', '2026-12-01T15:30:00'],
    // A zone name follows daylight saving: New York is UTC-4 in July, UTC-5 in December.
    ['2026-07-01 10:00 America/New_York', '2026-07-01T14:00:00'],
    ['2026-12-01 10:00 America/New_York', '2026-12-01T15:00:00'],
  ])('%s is %s UTC', (text, gmt) => {
    expect(optionalDate({ d: text }, d)).toEqual({ date_gmt: gmt });
  });

  it('keeps 10 PM and the like as site time: they are no zone', () => {
    expect(optionalDate({ d: '2026-12-01 10:00 PM' }, d)).toEqual({ date: '2026-12-01T22:00:00' });
  });

  it.each<[string, RegExp]>([
    [
      '2026-12-01 10:00 IST',
      /^D: "2026-12-01 10:00 IST" ends in IST, which stands for several time zones \(India \+05:30, Ireland \+01:00, Israel \+02:00\)\. Write the offset instead, for example 2026-12-01 10:00 \+05:30 \(or 2026-12-01 10:00 Asia\/Kolkata\), or leave the zone out to use the site's time zone\.$/,
    ],
    [
      '2026-12-01 10:00 BST',
      /ends in BST, which stands for several time zones \(British Summer Time \+01:00, Bangladesh \+06:00\)\. Write the offset instead, for example 2026-12-01 10:00 \+01:00 \(or 2026-12-01 10:00 Europe\/London\)/,
    ],
    [
      '2026-12-01 10:00 XYZ',
      /^D: "2026-12-01 10:00 XYZ" ends in "XYZ", which is not a time zone this app knows\. Write the offset instead/,
    ],
    ['2026-12-01 10:00 Mars/Olympus', /ends in "Mars\/Olympus", which is not a time zone name this app knows/],
    ['2026-12-01 10:00 UTC+25', /ends in an offset no time zone has \(at most 14 hours\)\. Write the offset instead/],
  ])('refuses %s with a way to write it', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('reads a zone after any run of spaces, and scans a long text once', () => {
    expect(optionalDate({ d: `2026-12-01 10:00 ${' '.repeat(200)}EST` }, d)).toEqual({
      date_gmt: '2026-12-01T15:00:00',
    });
    const started = Date.now();
    for (const text of [`${'1 '.repeat(50_000)}EST`, `${'1 a'.repeat(30_000)}/b`, `${'UTC '.repeat(30_000)}+1`]) {
      try {
        optionalDate({ d: text }, d);
      } catch {
        // whether such a text is a date is JavaScript's parser's call; only the time matters here
      }
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a zone after something that is no date is still "not a date"', () => {
    expect(refusal('soon EST')).toMatch(/^D: "soon EST" is not a date/);
    expect(refusal('someday IST')).toMatch(/^D: "someday IST" is not a date/);
  });
});

describe('a zone anywhere in free text (as `date` and mail headers write it) is never read as site time', () => {
  it.each<[string, string]>([
    ['Tue Dec  1 10:00:00 EST 2026', '2026-12-01T15:00:00'],
    ['Tue Dec  1 10:00:00 UTC 2026', '2026-12-01T10:00:00'],
    ['2026-12-01 10:00 +01', '2026-12-01T09:00:00'],
    ['2026-12-01 10:00 -3', '2026-12-01T13:00:00'],
    ['Sat, 14 Mar 2026 09:30:00 +0100', '2026-03-14T08:30:00'],
  ])('%s is the instant %s UTC', (text, gmt) => {
    expect(optionalDate({ d: text }, f('d'))).toEqual({ date_gmt: gmt });
  });

  it.each<[string, RegExp]>([
    ['2026-12-01 10:00 (EST)', /note in parentheses.*offset/],
    ['2026-12-01 10:00 EST (New York)', /note in parentheses/],
    ['Tue Dec 01 10:00:00 CST 2026', /CST, which stands for several time zones \(US Central -06:00, China \+08:00/],
    ['2026-12-01 10:00 CST', /CST, which stands for several time zones/],
  ])('%s is refused, never guessed', (text, message) => {
    expect(() => optionalDate({ d: text }, f('d'))).toThrow(message);
  });

  it('keeps text with no zone at all as site time', () => {
    expect(optionalDate({ d: 'March 14, 2026 09:30' }, f('d'))).toEqual({ date: '2026-03-14T09:30:00' });
    expect(optionalDate({ d: '14 Mar 2026 9:30 pm' }, f('d'))).toEqual({ date: '2026-03-14T21:30:00' });
  });
});
