import {
  Hook,
  MAX_SIGNATURE_AGE_SECONDS,
  subscribe,
  unsubscribe,
  verifyDelivery,
} from '../../../src/connection/companion';
import { appTester, bundle, expectCleanMessage, failsWith, wp } from '../helpers';
import { restError, signed } from '../fixtures';

const SECRET = 'a'.repeat(64);
const HOOK: Hook = { id: 7, secret: SECRET, event: 'post.published' };
const NOW = 1_790_000_000;

const delivery = {
  id: '7-12',
  hook_id: 7,
  seq: 12,
  event: 'post.published',
  object_type: 'post',
  object_id: 45,
  subtype: 'post',
  time_gmt: '2026-12-06T20:01:02',
};

describe('verifyDelivery', () => {
  it('accepts a delivery its hook signed, with the header as Zapier passes it or as sent', () => {
    expect(verifyDelivery(signed(delivery, SECRET, NOW), [HOOK], NOW)).toEqual({ delivery });
    expect(verifyDelivery(signed(delivery, SECRET, NOW, 'x-wpjz-signature'), [HOOK], NOW)).toEqual({ delivery });
  });

  it('finds the signing hook among the Zap hooks', () => {
    const other: Hook = { id: 8, secret: 'b'.repeat(64), event: 'post.updated' };
    const body = { ...delivery, hook_id: 8, event: 'post.updated' };
    expect(verifyDelivery(signed(body, other.secret, NOW), [HOOK, other], NOW)).toEqual({ delivery: body });
  });

  it.each([
    ['no header', { headers: {}, content: JSON.stringify(delivery) }, /carries no X-WPJZ-Signature/],
    ['a malformed header', { headers: { 'X-WPJZ-Signature': 'v1=zz' }, content: '{}' }, /carries no X-WPJZ-Signature/],
    ['another secret', signed(delivery, 'c'.repeat(64), NOW), /not signed with the secret/],
    [
      'a changed body',
      { ...signed(delivery, SECRET, NOW), content: JSON.stringify({ ...delivery, object_id: 46 }) },
      /not signed/,
    ],
    ['a body that is no delivery', signed('{"hello":1}', SECRET, NOW), /not a delivery/],
    ['a body claiming another hook', signed({ ...delivery, hook_id: 9 }, SECRET, NOW), /not a delivery/],
  ])('refuses %s', (_name, request, message) => {
    const verdict = verifyDelivery(request, [HOOK], NOW);
    expect('refusal' in verdict && verdict.refusal).toMatch(message);
  });

  it.each([
    ['old', -1],
    ['from the future', 1],
  ])('refuses a signature more than five minutes %s (a replay)', (_name, sign) => {
    const t = NOW + sign * (MAX_SIGNATURE_AGE_SECONDS + 1);
    const verdict = verifyDelivery(signed(delivery, SECRET, t), [HOOK], NOW);
    expect('refusal' in verdict && verdict.refusal).toMatch(/301 seconds away from now/);
    expect(verifyDelivery(signed(delivery, SECRET, NOW - MAX_SIGNATURE_AGE_SECONDS), [HOOK], NOW)).toEqual({
      delivery,
    });
  });
});

describe('subscribe and unsubscribe', () => {
  const hookBundle = (extra: Record<string, unknown> = {}) => ({
    ...bundle(),
    targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/',
    ...extra,
  });

  it('subscribes the hook URL once per event, with the filters, and keeps every secret', async () => {
    const filters = { post_type: 'post', status: 'publish' };
    for (const [event, id] of [
      ['post.published', 3],
      ['post.updated', 4],
    ] as const) {
      wp()
        .post('/wp-json/wpjz/v1/hooks', {
          event,
          target_url: 'https://hooks.zapier.com/hooks/standard/1/abc/',
          filters,
        })
        .reply(201, { id, secret: `${id}`.repeat(64), event });
    }
    const result = await appTester(
      (z, b) => subscribe(z, b, ['post.published', 'post.updated'], filters, { trigger: 'T', polling: 'P' }),
      hookBundle(),
    );
    expect(result).toEqual({
      id: '3,4',
      hooks: [
        { id: 3, secret: '3'.repeat(64), event: 'post.published' },
        { id: 4, secret: '4'.repeat(64), event: 'post.updated' },
      ],
    });
  });

  it('names the plugin, how to install it and the polling twin when the site lacks it', async () => {
    wp()
      .post('/wp-json/wpjz/v1/hooks')
      .reply(404, restError('rest_no_route', 'No route was found.', 404));
    const { message } = await failsWith(() =>
      appTester(
        (z, b) => subscribe(z, b, ['post.published'], {}, { trigger: 'New Post (Instant)', polling: 'New Post' }),
        hookBundle(),
      ),
    );
    expect(message).toMatch(/New Post \(Instant\) needs the WP JWT Zapier Companion plugin on example\.com/);
    expect(message).toMatch(/Upload Plugin/);
    expect(message).toMatch(/use the "New Post" trigger/);
  });

  it('removes the hooks it made when a later one is refused', async () => {
    wp()
      .post('/wp-json/wpjz/v1/hooks')
      .reply(201, { id: 3, secret: '3'.repeat(64), event: 'user.created' });
    wp()
      .post('/wp-json/wpjz/v1/hooks')
      .reply(403, restError('wpjz_cannot_subscribe', 'Sorry, you may not read users.', 403));
    const removed = wp().delete('/wp-json/wpjz/v1/hooks/3').reply(200, { deleted: true, id: 3 });
    const { message } = await failsWith(() =>
      appTester(
        (z, b) => subscribe(z, b, ['user.created', 'user.updated'], {}, { trigger: 'T', polling: 'P' }),
        hookBundle(),
      ),
    );
    expect(message).toMatch(/refused to send these events to Zapier: Sorry, you may not read users\./);
    expect(removed.isDone()).toBe(true);
  });

  it('unsubscribes every hook, a hook already gone included', async () => {
    wp().delete('/wp-json/wpjz/v1/hooks/3').reply(200, { deleted: true, id: 3 });
    wp()
      .delete('/wp-json/wpjz/v1/hooks/4')
      .reply(404, restError('wpjz_hook_not_found', 'No such hook.', 404));
    const subscribeData = {
      id: '3,4',
      hooks: [
        { id: 3, secret: 'x' },
        { id: 4, secret: 'y' },
      ],
    };
    const result = await appTester((z, b) => unsubscribe(z, b), hookBundle({ subscribeData }));
    expect(result).toEqual({ deleted: [3] });
    expectCleanMessage('ok');
  });
});
