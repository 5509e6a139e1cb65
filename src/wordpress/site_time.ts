// The site's own clock: a date without a zone means the site's time (WordPress converts it with
// the site's time zone, daylight saving included). The REST index says which zone that is.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { callWordPress } from '../connection/request';

/** The site's time zone as the REST index gives it: a named zone, or a fixed offset in hours. */
export interface SiteZone {
  /** `Europe/Berlin`; empty when the site is set to a fixed offset such as UTC+2. */
  timezone_string?: string;
  /** Hours east of UTC, now (`5.5` for India); the fallback when there is no named zone. */
  gmt_offset?: number | string;
}

/** One request to the REST index, for the two settings only. */
export async function siteZone(z: ZObject, bundle: Bundle): Promise<SiteZone> {
  const response = await callWordPress<SiteZone>(z, bundle, {
    route: '',
    query: { _fields: 'gmt_offset,timezone_string' },
  });
  return response.data ?? {};
}

/** `2026-03-14T09:30:00` read as UTC, in milliseconds (WordPress's zone-less date notation). */
export function wordpressDateMs(date: string): number {
  return Date.parse(`${date.replace(' ', 'T')}Z`);
}

/** The instant (ms since 1970) a site-local date such as `2026-03-14T09:30:00` stands for. */
export function siteLocalToUtcMs(local: string, zone: SiteZone): number {
  const asUtc = wordpressDateMs(local);
  const offset = zoneOffsetMinutes(zone, asUtc);
  // The offset at the local time read as UTC can differ from the one at the real instant near a
  // daylight-saving change: take the offset again at the first guess.
  const guess = asUtc - offset * 60_000;
  return asUtc - zoneOffsetMinutes(zone, guess) * 60_000;
}

/** The site's offset from UTC in minutes at an instant. */
function zoneOffsetMinutes(zone: SiteZone, instant: number): number {
  const named = zone.timezone_string;
  if (named && !/^UTC[+-]/i.test(named)) {
    try {
      return namedZoneOffsetMinutes(named, instant);
    } catch {
      // A zone name this runtime does not know: fall back to today's offset.
    }
  }
  const hours = Number(zone.gmt_offset ?? 0);
  return Number.isFinite(hours) ? Math.round(hours * 60) : 0;
}

function namedZoneOffsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}
