// New Media: one request in the edit context (captions as written), uploader and attached post
// embedded, newest first by ID, File Type as a kind or a MIME type, and the attached post.
import nock from 'nock';
import { MEDIA_QUERY, WPMediaItem } from '../../../src/wordpress/media_item';
import { restError, triggerPerform } from '../fixtures';
import { SITE, appTester, bundle, failsWith, wp } from '../helpers';

const newMedia = triggerPerform('new_media');
type Out = Array<Record<string, unknown>>;

/** The query New Media sends, with what a test changes. */
function pollQuery(overrides: Record<string, string> = {}) {
  return {
    ...MEDIA_QUERY,
    context: 'edit',
    orderby: 'id',
    order: 'desc',
    per_page: '90',
    page: '1',
    ...overrides,
  };
}

const UPLOADS = `${SITE}/wp-content/uploads/2026/03`;

/** A media item as WordPress 6.9 answers the poll: the uploader and the attached post embedded. */
function wpMediaItem(overrides: Partial<WPMediaItem> & { id: number }): WPMediaItem {
  const { id } = overrides;
  return {
    date: '2026-03-14T09:30:00',
    date_gmt: '2026-03-14T08:30:00',
    modified: '2026-03-14T09:31:05',
    modified_gmt: '2026-03-14T08:31:05',
    slug: `photo-${id}`,
    link: `${SITE}/launch/photo-${id}/`,
    title: { raw: `Photo ${id}`, rendered: `Photo ${id}` },
    caption: { raw: '', rendered: '<p>Shot in Berlin &#8211; spring</p>\n' },
    description: {
      raw: 'Shot in Berlin -- spring',
      rendered: `<p class="attachment"><a href="${UPLOADS}/photo-${id}.jpg"><img src="x"></a></p>\n<p>Shot in Berlin &#8211; spring</p>\n`,
    },
    alt_text: 'Linen shirts &amp; a rail',
    media_type: 'image',
    mime_type: 'image/jpeg',
    media_details: {
      width: 1600,
      height: 1067,
      filesize: 245760,
      sizes: {
        thumbnail: { source_url: `${UPLOADS}/photo-${id}-150x150.jpg`, width: 150, height: 150 },
        medium: { source_url: `${UPLOADS}/photo-${id}-300x200.jpg`, width: 300, height: 200 },
        large: { source_url: `${UPLOADS}/photo-${id}-1024x683.jpg`, width: 1024, height: 683 },
        full: { source_url: `${UPLOADS}/photo-${id}.jpg`, width: 1600, height: 1067 },
      },
    },
    post: 12,
    source_url: `${UPLOADS}/photo-${id}.jpg`,
    author: 2,
    _embedded: {
      author: [{ id: 2, name: 'Edith Editor', link: `${SITE}/author/edith/` }],
      'wp:attached-to': [{ id: 12, link: `${SITE}/launch/`, title: { rendered: 'Launch &#8220;day&#8221;' } }],
    },
    ...overrides,
  };
}

describe('New Media: the request', () => {
  it('makes one request, newest first by ID, with the uploader, the post and the caption as written', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery())
      .reply(200, [wpMediaItem({ id: 40 }), wpMediaItem({ id: 42 }), wpMediaItem({ id: 41 })]);
    const result = (await appTester(newMedia, bundle())) as Out;
    expect(scope.isDone()).toBe(true);
    // Ordering plugins may reorder; the highest ID is the file added last.
    expect(result.map((m) => m.id)).toEqual([42, 41, 40]);
    expect(result[0]).toEqual({
      id: 42,
      media_id: 42,
      title: 'Photo 42',
      slug: 'photo-42',
      link: `${SITE}/launch/photo-42/`,
      url: `${UPLOADS}/photo-42.jpg`,
      source_url: `${UPLOADS}/photo-42.jpg`,
      mime_type: 'image/jpeg',
      media_type: 'image',
      alt_text: 'Linen shirts & a rail',
      // The stored caption is empty: not the excerpt WordPress renders from the description.
      caption: '',
      description: 'Shot in Berlin -- spring',
      width: 1600,
      height: 1067,
      filesize: 245760,
      sizes: {
        thumbnail: `${UPLOADS}/photo-42-150x150.jpg`,
        medium: `${UPLOADS}/photo-42-300x200.jpg`,
        large: `${UPLOADS}/photo-42-1024x683.jpg`,
        full: `${UPLOADS}/photo-42.jpg`,
      },
      post_id: 12,
      post_title: 'Launch “day”',
      author_id: 2,
      author_name: 'Edith Editor',
      date: '2026-03-14T09:30:00+01:00',
      date_gmt: '2026-03-14T08:30:00+00:00',
      modified: '2026-03-14T09:31:05+01:00',
      modified_gmt: '2026-03-14T08:31:05+00:00',
    });
    // `_links` must be there or WordPress embeds nothing.
    expect(MEDIA_QUERY._fields.split(',')).toEqual(expect.arrayContaining(['_links', '_embedded']));
  });

  it('a title made from a file name comes as written: "q", not the texturized “q”', async () => {
    const item = wpMediaItem({
      id: 44,
      title: { raw: 'Menu "q" -- draft & co', rendered: 'Menu &#8220;q&#8221; &#8212; draft &amp; co' },
    });
    wp().get('/wp-json/wp/v2/media').query(pollQuery()).reply(200, [item]);
    const [media] = (await appTester(newMedia, bundle())) as Out;
    expect(media.title).toBe('Menu "q" -- draft & co');
  });

  it('without the raw title (the view context) the rendered one is decoded', async () => {
    const item = wpMediaItem({ id: 45, title: { rendered: 'Menu &#8220;q&#8221; &amp; co' } });
    wp().get('/wp-json/wp/v2/media').query(pollQuery()).reply(200, [item]);
    const [media] = (await appTester(newMedia, bundle())) as Out;
    expect(media.title).toBe('Menu “q” & co');
  });

  it('on WordPress before 6.9 (no link to the post) the post ID comes without its title', async () => {
    const item = wpMediaItem({ id: 42 });
    item._embedded = { author: item._embedded?.author };
    wp().get('/wp-json/wp/v2/media').query(pollQuery()).reply(200, [item]);
    const [media] = (await appTester(newMedia, bundle())) as Out;
    expect(media).toMatchObject({ post_id: 12, post_title: null, author_name: 'Edith Editor' });
  });

  it('an unattached file and an uploader WordPress will not embed give nulls', async () => {
    const item = wpMediaItem({
      id: 43,
      post: null,
      author: 5,
      _embedded: { author: [{ id: 0, name: '', code: 'rest_user_cannot_view' }] },
    });
    wp().get('/wp-json/wp/v2/media').query(pollQuery()).reply(200, [item]);
    const [media] = (await appTester(newMedia, bundle())) as Out;
    expect(media).toMatchObject({ post_id: null, post_title: null, author_id: 5, author_name: null });
  });

  it('asks for only a few while the trigger is tested, and for Zapier’s limit when it sets one', async () => {
    const sample = wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ per_page: '3' }))
      .reply(200, []);
    await appTester(newMedia, bundle({}, { isLoadingSample: true }));
    const limited = wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ per_page: '7' }))
      .reply(200, []);
    await appTester(newMedia, bundle({}, { limit: 7 }));
    expect(sample.isDone() && limited.isDone()).toBe(true);
  });
});

describe('New Media: File Type and Attached to Post', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['a kind from the dropdown', 'image', { media_type: 'image' }],
    ['a kind by its label', 'Documents and other files (PDF, Word, ZIP, …)', { media_type: 'application' }],
    ['a kind as a wildcard', 'video/*', { media_type: 'video' }],
    ['a MIME type from the dropdown', 'application/pdf', { mime_type: 'application/pdf' }],
    ['a typed MIME type, any case', ' Image/HEIC ', { mime_type: 'image/heic' }],
    ['a MIME type with a suffix', 'image/svg+xml', { mime_type: 'image/svg+xml' }],
  ])('takes %s', async (_name, fileType, filter) => {
    const scope = wp().get('/wp-json/wp/v2/media').query(pollQuery(filter)).reply(200, []);
    await appTester(newMedia, bundle({ file_type: fileType }));
    expect(scope.isDone()).toBe(true);
  });

  it.each([['jpg'], ['font/woff2'], ['image/'], ['images, videos']])(
    'refuses "%s", which WordPress would ignore and answer with every file, before any request',
    async (fileType) => {
      const { message } = await failsWith(() => appTester(newMedia, bundle({ file_type: fileType })));
      expect(message).toBe(
        `File Type: "${fileType}" is neither a kind of file WordPress knows (image, video, audio, application, text) nor a MIME type under one of them (such as image/jpeg or application/pdf). Pick one from the dropdown, or type a MIME type.`,
      );
      expect(nock.pendingMocks()).toEqual([]);
    },
  );

  it('gives only the files asked for, also where WordPress ignores the filter', async () => {
    // WordPress drops a `mime_type` the site does not allow, and answers with every file.
    wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ mime_type: 'image/png' }))
      .reply(200, [
        wpMediaItem({ id: 3, mime_type: 'image/png' }),
        wpMediaItem({ id: 2, mime_type: 'application/pdf' }),
        wpMediaItem({ id: 1, mime_type: 'IMAGE/PNG' }),
      ]);
    const byMime = (await appTester(newMedia, bundle({ file_type: 'image/png' }))) as Out;
    expect(byMime.map((m) => m.id)).toEqual([3, 1]);
    wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ media_type: 'audio' }))
      .reply(200, [wpMediaItem({ id: 5, mime_type: 'audio/mpeg' }), wpMediaItem({ id: 4, mime_type: 'video/mp4' })]);
    const byKind = (await appTester(newMedia, bundle({ file_type: 'audio' }))) as Out;
    expect(byKind.map((m) => m.id)).toEqual([5]);
  });

  it('filters on the attached post, from the dropdown or mapped', async () => {
    const scope = wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ parent: '12', media_type: 'image' }))
      .reply(200, [wpMediaItem({ id: 7 }), wpMediaItem({ id: 6, post: 99 })]);
    const result = (await appTester(newMedia, bundle({ post: ' 12 ', file_type: 'image' }))) as Out;
    expect(scope.isDone()).toBe(true);
    expect(result.map((m) => m.id)).toEqual([7]);
  });

  it('refuses an Attached to Post that is no ID before any request', async () => {
    const { message } = await failsWith(() => appTester(newMedia, bundle({ post: 'Launch day' })));
    expect(message).toBe(
      'Attached to Post: "Launch day" is not an ID. Use a positive whole number such as 42, or pick from the dropdown.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('New Media: what WordPress refuses', () => {
  it('a user who may not use the edit context (a Subscriber) is told the capability and the roles', async () => {
    wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery())
      .reply(
        403,
        restError('rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this post type.', 403),
      );
    const { message } = await failsWith(() => appTester(newMedia, bundle()));
    expect(message).toBe(
      'The WordPress user this connection uses is not allowed to read new files in the media library with their captions and descriptions as written: WordPress requires the "upload_files" capability (roles: Author, Editor or Administrator). Reconnect with a user that has it, or ask a site administrator to change the role.',
    );
  });

  it('a kind of file the site accepts none of names the kinds it does accept', async () => {
    const notInEnum = {
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): media_type',
      data: {
        status: 400,
        params: { media_type: 'media_type is not one of image, video, application, and audio.' },
        details: {
          media_type: {
            code: 'rest_not_in_enum',
            message: 'media_type is not one of image, video, application, and audio.',
            data: null,
          },
        },
      },
    };
    wp()
      .get('/wp-json/wp/v2/media')
      .query(pollQuery({ media_type: 'text' }))
      .reply(400, notInEnum);
    const { message } = await failsWith(() => appTester(newMedia, bundle({ file_type: 'text' })));
    expect(message).toBe(
      'File Type: this site accepts no files of the kind "text", so none can be added. WordPress said: "media_type is not one of image, video, application, and audio". Pick another File Type, or leave it empty.',
    );
  });
});
