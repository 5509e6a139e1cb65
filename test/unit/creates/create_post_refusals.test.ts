// Create Post: WordPress's refusals in the form's words, and bad input refused before any request,
// naming the field.
import nock from 'nock';
import { invalidParam, restError } from '../fixtures';
import { PASSWORD, TOKEN, wp } from '../helpers';
import { fails, refuse } from './create_post_steps';

describe('Create Post: WordPress refusals', () => {
  it('rest_cannot_publish tells a contributor to use Pending Review', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', status: 'publish' })).toBe(
      'Status: the WordPress user this connection uses may not publish or schedule posts (Published); that needs an Author, Editor or Administrator. ' +
        'A Contributor can still submit the post for review: set Status to Pending Review, and an editor publishes it. WordPress said: "Sorry, you are not allowed to publish posts in this post type".',
    );
  });

  it('rest_cannot_publish for Private says private', async () => {
    refuse(
      403,
      restError('rest_cannot_publish', 'Sorry, you are not allowed to create private posts in this post type.', 403),
    );
    expect(await fails({ title: 'x', status: 'private' })).toMatch(
      /^Status: .* may not create private posts \(Private\)/,
    );
  });

  it.each([
    [
      'rest_cannot_create',
      403,
      /^The WordPress user this connection uses is not allowed to create posts: WordPress requires the "edit_posts" capability \(roles: Contributor, Author, Editor or Administrator\)/,
    ],
    ['rest_cannot_edit_others', 403, /^Author: only Editors and Administrators may make another user the author/],
    ['rest_cannot_assign_sticky', 403, /make posts sticky.*Or leave Sticky empty/],
    ['rest_cannot_assign_term', 403, /assign these categories or tags/],
    ['rest_invalid_author', 400, /^Author: WordPress has no user with ID 9\./],
    ['empty_content', 400, /^Title, Content and Excerpt are all empty/],
    ['rest_post_exists', 400, /rest_post_exists/],
    ['db_insert_error', 500, /HTTP 500 \(db_insert_error\)/],
  ])('%s (HTTP %i) has a specific message', async (code, status, expected) => {
    refuse(status, restError(code, 'WordPress text.', status));
    expect(await fails({ title: 'x', author: '9' })).toMatch(expected);
  });

  it('rest_cannot_create for a page names the capability for pages', async () => {
    wp()
      .post('/wp-json/wp/v2/pages')
      .query(true)
      .reply(403, restError('rest_cannot_create', 'no', 403));
    expect(await fails({ post_type: 'page', title: 'x' })).toMatch(
      /not allowed to create "page" items: WordPress requires the "edit_pages" capability \(roles: Editor or Administrator\)/,
    );
  });

  it('rest_invalid_param names the field by its label and says what was wrong', async () => {
    refuse(400, invalidParam('date', 'Invalid date.', 'rest_invalid_date'));
    expect(await fails({ title: 'x' })).toBe(
      'WordPress rejected the input. Publish Date (date): Invalid date. Correct this field and try again.',
    );
    refuse(400, invalidParam('categories', 'categories[0] is not of type integer.'));
    expect(await fails({ title: 'x' })).toBe(
      'WordPress rejected the input. Categories (categories): categories[0] is not of type integer. Correct this field and try again.',
    );
    refuse(400, invalidParam('meta', 'meta.wpjz_source is not of type integer.'));
    expect(await fails({ title: 'x' })).toMatch(
      /^WordPress rejected the input\. Custom Fields \(meta\): meta\.wpjz_source is not of type integer\./,
    );
  });

  it('the token and password never appear, even when WordPress echoes input', async () => {
    refuse(400, restError('rest_invalid_param', `Bad ${TOKEN} ${PASSWORD}`, 400));
    const message = await fails({ title: 'x' });
    expect(message).not.toContain(TOKEN);
  });
});

describe('Create Post: bad input is refused before any request, naming the field', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['nothing to publish', {}, /^Title, Content and Excerpt are all empty/],
    ['only whitespace', { title: '   ', content: '\n\t ', excerpt: ' ' }, /^Title, Content and Excerpt are all empty/],
    [
      'a giant title',
      { title: 'x'.repeat(10_001) },
      /^Title: is 10,001 characters long; WordPress accepts at most 10,000 here\. Shorten it\.$/,
    ],
    ['giant content', { content: 'x'.repeat(5_000_001) }, /^Content: is 5,000,001 characters long/],
    ['an object as title', { title: { a: 1 } }, /^Title: expects text, got an object\.$/],
    ['a list of titles', { title: ['a', 'b'] }, /^Title: expects one value, got a list of 2\.$/],
    [
      'an unknown status',
      { title: 'x', status: 'published!' },
      /^Status: "published!" is not one of: publish, draft, pending, private, future\.$/,
    ],
    ['scheduled without a date', { title: 'x', status: 'future' }, /^Status is Scheduled but Publish Date is empty/],
    ['an invalid date', { title: 'x', date: 'next blursday' }, /^Publish Date: "next blursday" is not a date/],
    ['an impossible date', { title: 'x', date: '2026-02-30' }, /^Publish Date: "2026-02-30" is not a date/],
    [
      'a zone abbreviation that stands for several zones',
      { title: 'x', date: '2026-12-01 10:00 IST' },
      /^Publish Date: "2026-12-01 10:00 IST" ends in IST, which stands for several time zones \(India \+05:30, Ireland \+01:00, Israel \+02:00\)\. Write the offset instead, for example 2026-12-01 10:00 \+05:30/,
    ],
    [
      'an impossible time',
      { title: 'x', date: '2026-02-03T25:00:00' },
      /^Publish Date: "2026-02-03T25:00:00" is not a date/,
    ],
    [
      'a date out of range',
      { title: 'x', date: '1900-01-01' },
      /^Publish Date: "1900-01-01" is outside the years WordPress can store/,
    ],
    [
      'a negative author',
      { title: 'x', author: '-3' },
      /^Author: "-3" is not an ID\. Use a positive whole number such as 42/,
    ],
    ['a zero author', { title: 'x', author: 0 }, /^Author: "0" is not an ID/],
    ['a fractional author', { title: 'x', author: 2.5 }, /^Author: "2\.5" is not an ID/],
    ['a name as author', { title: 'x', author: 'Edith' }, /^Author: "Edith" is not an ID/],
    ['a bad format', { title: 'x', format: 'poem' }, /^Format: "poem" is not one of: standard, aside/],
    [
      'a bad comment status',
      { title: 'x', comment_status: 'maybe' },
      /^Comments: "maybe" is not one of: open, closed\.$/,
    ],
    ['a bad sticky', { title: 'x', sticky: 'perhaps' }, /^Sticky: "perhaps" is not yes or no/],
    [
      'sticky on a page',
      { title: 'x', post_type: 'page', sticky: true },
      /^Sticky: the post type "page" has no sticky posts \(only Posts can be sticky\), so WordPress would ignore it\. Leave Sticky empty for this post type\.$/,
    ],
    [
      'a format on a page',
      { title: 'x', post_type: 'page', format: 'Aside' },
      /^Format: the post type "page" has no post formats, so WordPress would ignore it\. Leave Format empty for this post type\.$/,
    ],
    ['a bad post type', { title: 'x', post_type: 'my type!' }, /^Post Type: "my type!" is not a post type name/],
    ['a meta list', { title: 'x', meta: ['a'] }, /^Custom Fields: expects key\/value pairs, got a list\.$/],
    [
      'meta as broken JSON',
      { title: 'x', meta: '{nope' },
      /^Custom Fields: expects key\/value pairs \(or a JSON object/,
    ],
    ['a meta value without key', { title: 'x', meta: { ' ': 'value' } }, /^Custom Fields: has a value without a key/],
    [
      'a nested meta value',
      { title: 'x', meta: { a: { b: 1 } } },
      /^Custom Fields: the value of "a" must be text, got an object\.$/,
    ],
    ['an object in tags', { title: 'x', tags: [{ id: 1 }] }, /^Tags: expects text or IDs, got an object\.$/],
    [
      'a giant slug',
      { title: 'x', slug: 's'.repeat(201) },
      /^Slug: is 201 characters long; WordPress accepts at most 200/,
    ],
  ])('%s', async (_name, input, expected) => {
    expect(await fails(input)).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
