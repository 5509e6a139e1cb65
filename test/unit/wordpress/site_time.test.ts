// The site's clock: a zone-less date read the way WordPress reads it (its named zone at that date,
// daylight saving included; a fixed offset when the site has no named zone).
import { siteLocalToUtcMs } from '../../../src/wordpress/site_time';

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19);

describe('siteLocalToUtcMs', () => {
  it.each([
    // Berlin: UTC+1 in winter, UTC+2 in summer, whatever today's gmt_offset says.
    ['2026-01-15T10:00:00', { timezone_string: 'Europe/Berlin', gmt_offset: 2 }, '2026-01-15T09:00:00'],
    ['2026-07-15T10:00:00', { timezone_string: 'Europe/Berlin', gmt_offset: 1 }, '2026-07-15T08:00:00'],
    // The last hour before and the first after the change (29 March 2026, 02:00 → 03:00).
    ['2026-03-29T01:30:00', { timezone_string: 'Europe/Berlin' }, '2026-03-29T00:30:00'],
    ['2026-03-29T03:30:00', { timezone_string: 'Europe/Berlin' }, '2026-03-29T01:30:00'],
    ['2026-07-04T09:00:00', { timezone_string: 'America/New_York', gmt_offset: -5 }, '2026-07-04T13:00:00'],
    ['2026-07-04T09:00:00', { timezone_string: 'UTC', gmt_offset: 0 }, '2026-07-04T09:00:00'],
    // No named zone (a site set to "UTC+5:30"): the fixed offset, also as text.
    ['2026-07-04T09:00:00', { timezone_string: '', gmt_offset: '5.5' }, '2026-07-04T03:30:00'],
    ['2026-07-04T09:00:00', { timezone_string: '', gmt_offset: -3 }, '2026-07-04T12:00:00'],
    // A zone name this runtime does not know falls back to the offset; nothing at all is UTC.
    ['2026-07-04T09:00:00', { timezone_string: 'Mars/Olympus_Mons', gmt_offset: 2 }, '2026-07-04T07:00:00'],
    ['2026-07-04T09:00:00', {}, '2026-07-04T09:00:00'],
  ])('%s in %j is %s UTC', (local, zone, expected) => {
    expect(utc(siteLocalToUtcMs(local, zone))).toBe(expected);
  });
});
