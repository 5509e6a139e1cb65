// Create Post: a schedule needs a time ahead, checked before anything is written, in the site's zone.
import nock from 'nock';
import { restError } from '../fixtures';
import { wp } from '../helpers';
import { run, fails, expectCreate, refuse } from './create_post_steps';

describe('Create Post: Scheduled needs a time ahead, checked before anything is written', () => {
  const NOW = Date.parse('2026-07-01T12:00:00Z');
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => jest.restoreAllMocks());

  /** The REST index, asked for the site's time zone only. */
  const siteZone = (zone: { timezone_string: string; gmt_offset: number | string }) =>
    wp().get('/wp-json/').query({ _fields: 'gmt_offset,timezone_string' }).once().reply(200, zone);

  it('refuses a past date with a zone without asking for the site zone, and creates no term', async () => {
    expect(await fails({ title: 'x', status: 'future', date: '2026-06-30T10:00:00Z', tags: ['Fresh'] })).toBe(
      'Publish Date: 2026-06-30 10:00:00 UTC is in the past: with Status Scheduled, WordPress would publish the post at once instead of scheduling it. ' +
        'Set Publish Date to a date and time at least a minute ahead, or set Status to Published to publish it now.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a time less than a minute ahead (WordPress publishes that at once too)', async () => {
    expect(await fails({ title: 'x', status: 'Scheduled', date: '2026-07-01T12:00:30Z' })).toMatch(
      /^Publish Date: 2026-07-01 12:00:30 UTC is less than a minute from now: with Status Scheduled, WordPress would publish the post at once/,
    );
  });

  it('schedules a time with a zone a minute or more ahead, without asking for the site zone', async () => {
    const scope = expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'future' });
    const out = await run({ title: 'x', status: 'future', date: '2026-07-01T14:01:00+02:00' });
    expect(out).toMatchObject({ status: 'future', warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('warns when WordPress published a schedule at once (the minute ran out during a slow step)', async () => {
    const scope = expectCreate(
      { title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:10' },
      { status: 'publish', date_gmt: '2026-07-01T12:01:10' },
    );
    const out = await run({ title: 'x', status: 'future', date: '2026-07-01T12:01:10Z' });
    expect(scope.isDone()).toBe(true);
    expect(out.status).toBe('publish');
    expect(out.warnings).toEqual([
      'Status: WordPress published the post at once instead of scheduling it, because its Publish Date was less than a minute ahead when it arrived. Unpublish it or set a new date in WordPress if it should not be public yet.',
    ]);
  });

  it("reads a date without a zone in the site's named zone at that date (summer time), with one request", async () => {
    // In July Berlin is UTC+2: 13:30 there is 11:30 UTC, past; today's offset (1 in winter) would say 12:30, ahead.
    const zone = siteZone({ timezone_string: 'Europe/Berlin', gmt_offset: 1 });
    expect(await fails({ title: 'x', status: 'future', date: '2026-07-01 13:30' })).toMatch(
      /^Publish Date: 2026-07-01 13:30:00 \(site time, Europe\/Berlin\) is in the past: /,
    );
    expect(zone.isDone()).toBe(true);
  });

  it('reads a date without a zone with a fixed offset when the site has no named zone', async () => {
    siteZone({ timezone_string: '', gmt_offset: '-5' });
    expect(await fails({ title: 'x', status: 'future', date: '2026-07-01 06:59' })).toMatch(
      /^Publish Date: 2026-07-01 06:59:00 \(site time, UTC-5\) is in the past/,
    );
    siteZone({ timezone_string: '', gmt_offset: '-5' });
    const scope = expectCreate({ title: 'x', status: 'future', date: '2026-07-01T08:00:00' }, { status: 'future' });
    await run({ title: 'x', status: 'future', date: '2026-07-01 08:00' });
    expect(scope.isDone()).toBe(true);
  });

  it('schedules a post with a Publish Date at least a minute ahead and Status empty', async () => {
    const scope = expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'future' });
    expect((await run({ title: 'x', date: '2026-07-01T12:01:00Z' })).status).toBe('future');
    expect(scope.isDone()).toBe(true);
  });

  it('warns as well when a schedule implied by the date alone was published at once', async () => {
    expectCreate({ title: 'x', status: 'future', date_gmt: '2026-07-01T12:01:00' }, { status: 'publish' });
    expect((await run({ title: 'x', date: '2026-07-01T12:01:00Z' })).warnings).toEqual([
      expect.stringMatching(/^Status: WordPress published the post at once instead of scheduling it/),
    ]);
  });

  it('saves a draft with a Publish Date less than a minute ahead or past and Status empty (nothing publishes)', async () => {
    const scope = expectCreate({ title: 'x', date_gmt: '2026-07-01T12:00:30' });
    await run({ title: 'x', date: '2026-07-01T12:00:30Z' });
    expect(scope.isDone()).toBe(true);
  });

  it('says why a Contributor cannot create a post whose date schedules it', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', date: '2026-08-01T10:00:00Z' })).toBe(
      'Publish Date: a date at least a minute ahead schedules the post, and the WordPress user this connection uses may not schedule posts; that needs an Author, Editor or Administrator. ' +
        'To save it with this date, set Status to Draft or Pending Review. WordPress said: "Sorry, you are not allowed to publish posts in this post type".',
    );
  });

  it('checks nothing for other statuses: a past date with Published is a back-dated post', async () => {
    const scope = expectCreate({ title: 'x', status: 'publish', date: '2020-01-01T10:00:00' }, { status: 'publish' });
    // Published asked and given: no word about scheduling.
    expect((await run({ title: 'x', status: 'publish', date: '2020-01-01 10:00' })).warnings).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});
