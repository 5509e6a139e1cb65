// The request helpers the actions share: URLs with their query (also for plain-permalink sites),
// JSON bodies that keep Zapier-style curlies, input readers' edge cases.
import { jsonBody, wpUrl } from '../../../src/requests';
import { optionalBoolean, optionalDate, optionalList, isBlank } from '../../../src/input';
import { appTester, authData, bundle, wp } from '../helpers';
import { POST_WRITE_QUERY, createPerform, wpPost } from './fixtures';
import type { Bundle } from 'zapier-platform-core';

const asBundle = (rest_root: string) => ({ authData: { rest_root } }) as unknown as Bundle;
const f = (key: string) => ({ key, label: key.toUpperCase() });

describe('wpUrl', () => {
  it('appends an encoded query to pretty and plain REST roots', () => {
    expect(
      wpUrl(asBundle('https://example.com/wp-json/'), 'wp/v2/media', {
        title: 'a & b {{bundle.x}}',
        skip: undefined,
        n: 2,
      }),
    ).toBe('https://example.com/wp-json/wp/v2/media?title=a%20%26%20b%20%7B%7Bbundle.x%7D%7D&n=2');
    expect(
      wpUrl(asBundle('https://example.com/blog/index.php?rest_route=/'), 'wp/v2/posts/5', { _fields: 'id,title' }),
    ).toBe('https://example.com/blog/index.php?rest_route=/wp/v2/posts/5&_fields=id%2Ctitle');
    expect(wpUrl(asBundle('https://example.com/wp-json/'), 'wp/v2/posts')).toBe(
      'https://example.com/wp-json/wp/v2/posts',
    );
  });

  it('Create Post works on a plain-permalink site (?rest_route=)', async () => {
    const scope = wp()
      .post('/blog/index.php', { title: 'x' })
      .query({ rest_route: '/wp/v2/posts', ...POST_WRITE_QUERY })
      .reply(201, wpPost({ id: 3 }));
    const auth = authData({
      site_url: 'https://example.com/blog',
      rest_root: 'https://example.com/blog/index.php?rest_route=/',
    });
    await appTester(createPerform('create_post'), { ...bundle({ title: 'x' }), authData: auth });
    expect(scope.isDone()).toBe(true);
  });
});

describe('jsonBody', () => {
  it('is JSON that parses back to the same value, with no literal {{', () => {
    const value = { content: 'a {{bundle.inputData.x}} b {{ process.env.Y }} \\{{ c', list: [{ a: '{{' }] };
    const text = jsonBody(value);
    expect(text).not.toContain('{{');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('input readers', () => {
  it('dates: leap days, midnight, fractional seconds, zones', () => {
    expect(optionalDate({ d: '2028-02-29' }, f('d'))).toEqual({ date: '2028-02-29T00:00:00' });
    expect(() => optionalDate({ d: '2027-02-29' }, f('d'))).toThrow(/2027-02-29.{0,2} is not a date/);
    expect(optionalDate({ d: '2026-05-01T23:59:59.999+14:00' }, f('d'))).toEqual({ date_gmt: '2026-05-01T09:59:59' });
    expect(optionalDate({ d: 1777629600 }, f('d'))).toEqual({ date_gmt: '2026-05-01T10:00:00' });
    expect(() => optionalDate({ d: true }, f('d'))).toThrow(/D: expects a date, got boolean/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).toThrow(/is not a date/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).not.toThrow(/x{61}/);
  });

  it('booleans and blanks', () => {
    expect(optionalBoolean({ b: 'Yes' }, f('b'))).toBe(true);
    expect(optionalBoolean({ b: 0 }, f('b'))).toBe(false);
    expect(optionalBoolean({ b: ' ' }, f('b'))).toBeUndefined();
    expect(isBlank([' ', null])).toBe(true);
    expect(isBlank(0)).toBe(false);
  });

  it('lists: commas split when asked, duplicates dropped, numbers kept as text', () => {
    expect(optionalList({ l: ['a, b', 'a', 3, ''] }, f('l'), { splitCommas: true, maxItemLength: 10 })).toEqual([
      'a',
      'b',
      '3',
    ]);
    expect(optionalList({ l: 'x, y' }, f('l'), { maxItemLength: 10 })).toEqual(['x, y']);
    expect(optionalList({ l: [] }, f('l'), { maxItemLength: 10 })).toBeUndefined();
  });
});
