// Create Post: the featured image, from a link (downloaded, uploaded, cleaned up after a failed
// post) or a media library ID.
import nock from 'nock';
import { PNG, invalidParam, restError, wpDraft } from '../fixtures';
import { TOKEN, caught, readForm, userMessage, wp } from '../helpers';
import { run, fails, expectCreate } from './create_post_steps';

describe('Create Post: featured image', () => {
  const FILES = 'https://files.example.org';

  it('downloads the file (without the token), uploads it with name, type, title and alt text, then creates the post', async () => {
    const download = nock(FILES, { badheaders: ['authorization'] })
      .get('/images/Spring%20Sale%20%C3%A9t%C3%A9.PNG')
      .query({ sig: 'abc' })
      .reply(200, PNG, { 'Content-Type': 'image/png' });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => {
        const { fields, file } = readForm(body);
        return (
          fields.title === 'Spring & Summer 🚀' &&
          fields.alt_text === 'Spring & Summer 🚀' &&
          file?.type === 'image/png' &&
          file.filename === 'Spring-Sale-ete.png'
        );
      })
      .query((q) => typeof q._fields === 'string')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(201, { id: 88, source_url: `https://example.com/wp-content/uploads/Spring-Sale-ete.png` });
    const post = expectCreate(
      { title: 'Spring &amp; <em>Summer</em> 🚀', featured_media: 88 },
      {
        featured_media: 88,
        _embedded: {
          'wp:featuredmedia': [
            {
              id: 88,
              source_url: 'https://example.com/wp-content/uploads/Spring-Sale-ete.png',
              alt_text: 'Spring & Summer 🚀',
            },
          ],
        },
      },
    );
    const out = await run({
      title: 'Spring &amp; <em>Summer</em> 🚀',
      featured_image: `${FILES}/images/Spring%20Sale%20%C3%A9t%C3%A9.PNG?sig=abc`,
    });
    expect(download.isDone() && upload.isDone() && post.isDone()).toBe(true);
    expect(out).toMatchObject({ featured_image_id: 88, featured_image_alt: 'Spring & Summer 🚀' });
  });

  it('sends the token when the file is on the site itself (a private upload)', async () => {
    const download = wp()
      .get('/wp-content/uploads/a.jpg')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(200, Buffer.from([0xff, 0xd8, 0xff, 0xe0]), { 'Content-Type': 'image/jpeg' });
    wp()
      .post('/wp-json/wp/v2/media', (body: string) => readForm(body).file?.filename === 'a.jpg')
      .query(true)
      .reply(201, { id: 89 });
    expectCreate({ title: 'x', featured_media: 89 }, { featured_media: 89 });
    await run({ title: 'x', featured_image: `${'https://example.com'}/wp-content/uploads/a.jpg` });
    expect(download.isDone()).toBe(true);
  });

  it('names the file from Content-Disposition, sniffs the type of an octet-stream, and adds the extension', async () => {
    nock(FILES).get('/hydrate/abc').reply(200, PNG, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': "attachment; filename*=UTF-8''M%C3%BCnchen%20%F0%9F%9A%80",
    });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => {
        const { file } = readForm(body);
        return file?.type === 'image/png' && file.filename === 'Munchen.png';
      })
      .query(true)
      .reply(201, { id: 90 });
    expectCreate({ title: 'x', featured_media: 90 }, { featured_media: 90 });
    await run({ title: 'x', featured_image: `${FILES}/hydrate/abc` });
    expect(upload.isDone()).toBe(true);
  });

  it('falls back to the slug or title for a file name made only of symbols', async () => {
    nock(FILES).get('/%F0%9F%9A%80').reply(200, PNG, { 'Content-Type': 'image/png' });
    const upload = wp()
      .post('/wp-json/wp/v2/media', (body: string) => readForm(body).file?.filename === 'my-post.png')
      .query(true)
      .reply(201, { id: 91 });
    expectCreate({ title: 'x', slug: 'my-post', featured_media: 91 }, { featured_media: 91 });
    await run({ title: 'x', slug: 'my-post', featured_image: `${FILES}/%F0%9F%9A%80` });
    expect(upload.isDone()).toBe(true);
  });

  it('checks a media library ID is an image before writing, then uses it as it is', async () => {
    const check = wp()
      .get('/wp-json/wp/v2/media/77')
      .query({ _fields: 'id,media_type' })
      .reply(200, { id: 77, media_type: 'image' });
    const post = expectCreate({ title: 'x', featured_media: 77 }, { featured_media: 77 });
    const out = await run({ title: 'x', featured_image: '77' });
    expect(check.isDone() && post.isDone()).toBe(true);
    expect(out).toMatchObject({ featured_image_id: 77, warnings: [] });
  });

  it('refuses a media ID that does not exist, before anything is written', async () => {
    wp()
      .get('/wp-json/wp/v2/media/77')
      .query(true)
      .reply(404, restError('rest_post_invalid_id', 'Invalid post ID.', 404));
    expect(await fails({ title: 'x', featured_image: '77', tags: ['Fresh'] })).toBe(
      'Featured Image: the media library has no item with ID 77 (it may have been deleted). Enter the ID of an image in the media library, or map an image file or link instead.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a media ID that is a file, not an image, before anything is written', async () => {
    wp().get('/wp-json/wp/v2/media/78').query(true).reply(200, { id: 78, media_type: 'file' });
    expect(await fails({ title: 'x', featured_image: '78' })).toMatch(
      /^Featured Image: media ID 78 is a file, not an image, and a featured image must be an image\. Enter the ID of an image/,
    );
  });

  it('a media ID the user may not look at is sent; if WordPress drops it, that is a warning', async () => {
    wp()
      .get('/wp-json/wp/v2/media/79')
      .query(true)
      .reply(403, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 403));
    expectCreate({ title: 'x', featured_media: 79 }, { featured_media: 0 });
    const out = await run({ title: 'x', featured_image: '79' });
    expect(out.warnings).toEqual([
      'Featured Image: WordPress did not set media ID 79, because it does not exist or is not an image. Pick an image from the media library, and set it with Update Post or in WordPress.',
    ]);
  });

  it('an uploaded image on a type without featured images is a warning that names the media ID left in the library', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 95 });
    const answer = wpDraft({ id: 500, type: 'page' });
    delete answer.featured_media;
    wp().post('/wp-json/wp/v2/pages').query(true).reply(201, answer);
    const out = await run({ post_type: 'page', title: 'x', featured_image: `${FILES}/a.png` });
    expect(out.warnings).toEqual([
      'Featured Image: WordPress did not set it, because the post type "page" has no featured images. Leave Featured Image empty for this post type. The uploaded image stays in the media library as media ID 95.',
    ]);
  });

  it.each([
    [404, 'the server answered HTTP 404 (not found)'],
    // Zapier turns a 401 into an empty RefreshAuthError before the app reads it: still named.
    [401, 'the server answered HTTP 401 (access denied; the link must be public)'],
    [403, 'the server answered HTTP 403 (access denied; the link must be public)'],
    [500, 'the server answered HTTP 500 (the server refused)'],
  ])('a download answered %i names the URL (without its query) and creates nothing', async (status, why) => {
    nock(FILES).get('/x.png').query(true).reply(status, 'nope');
    expect(await fails({ title: 'x', featured_image: `${FILES}/x.png?token=s3cret` })).toBe(
      `Featured Image: could not download ${FILES}/x.png: ${why}. Check that the link is public and points to the file itself.`,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('downloads before any write: a link that fails creates no category or tag', async () => {
    nock(FILES).get('/gone.png').reply(404, 'nope');
    const tag = wp().post('/wp-json/wp/v2/tags').query(true).reply(201, { id: 70 });
    expect(await fails({ title: 'x', tags: ['Brand new'], featured_image: `${FILES}/gone.png` })).toMatch(
      /^Featured Image: could not download/,
    );
    expect(tag.isDone()).toBe(false);
  });

  it('a download that cannot connect says why', async () => {
    nock(FILES).get('/x.png').replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/x.png` })).toMatch(
      /^Featured Image: could not download https:\/\/files\.example\.org\/x\.png: files\.example\.org refused the connection/,
    );
  });

  it('refuses a web page, a non-image, an empty file, a non-URL and a non-http URL', async () => {
    nock(FILES).get('/page').reply(200, '<!doctype html><html></html>', { 'Content-Type': 'text/html; charset=utf-8' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/page` })).toMatch(/leads to a web page, not to a file/);
    nock(FILES).get('/doc.pdf').reply(200, '%PDF-1.4', { 'Content-Type': 'application/pdf' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/doc.pdf` })).toBe(
      `Featured Image: ${FILES}/doc.pdf is application/pdf, not an image. A featured image must be an image file (JPEG, PNG, GIF or WebP).`,
    );
    nock(FILES).get('/empty.png').reply(200, '', { 'Content-Type': 'image/png' });
    expect(await fails({ title: 'x', featured_image: `${FILES}/empty.png` })).toMatch(/the file is empty/);
    expect(await fails({ title: 'x', featured_image: 'just some text' })).toMatch(
      /^Featured Image: "just some text" is not a URL/,
    );
    expect(await fails({ title: 'x', featured_image: 'ftp://files.example.org/a.png' })).toMatch(
      /must be an http:\/\/ or https:\/\/ link/,
    );
  });

  it('refuses a file larger than the limit from its Content-Length', async () => {
    nock(FILES)
      .get('/huge.png')
      .reply(200, PNG, { 'Content-Type': 'image/png', 'Content-Length': String(200 * 1024 * 1024) });
    expect(await fails({ title: 'x', featured_image: `${FILES}/huge.png` })).toMatch(
      /the file is 200 MB; at most 100 MB can be uploaded/,
    );
  });

  it('a refused upload (file type) names the file and creates no post', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(500, restError('rest_upload_unknown_error', 'Sorry, you are not allowed to upload this file type.', 500));
    const err = await caught(() => run({ title: 'x', featured_image: `${FILES}/a.png` }));
    expect(userMessage(err)).toMatch(
      /^WordPress refused the file a\.png \(image\/png\) from https:\/\/files\.example\.org\/a\.png: this file type is not allowed/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a user without upload_files is told so', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(403, restError('rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.', 403));
    expect(await fails({ title: 'x', featured_image: `${FILES}/a.png` })).toMatch(
      /not allowed to upload files to the media library: WordPress requires the "upload_files" capability/,
    );
  });

  it('when the post then fails, removes the uploaded image and says so', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 92 });
    wp()
      .post('/wp-json/wp/v2/posts')
      .query(true)
      .reply(
        403,
        restError('rest_cannot_publish', 'Sorry, you are not allowed to publish posts in this post type.', 403),
      );
    const cleanup = wp().delete('/wp-json/wp/v2/media/92').query({ force: 'true' }).reply(200, { deleted: true });
    const message = await fails({ title: 'x', status: 'publish', featured_image: `${FILES}/a.png` });
    expect(message).toMatch(
      /^Status: .*Pending Review.*The featured image uploaded for it has been removed from the media library again\.$/,
    );
    expect(cleanup.isDone()).toBe(true);
  });

  it('when the cleanup fails too, gives the media ID to reuse', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 93 });
    wp().post('/wp-json/wp/v2/posts').query(true).reply(400, invalidParam('slug', 'slug is not of type string.'));
    wp()
      .delete('/wp-json/wp/v2/media/93')
      .query(true)
      .reply(403, restError('rest_cannot_delete', 'no', 403));
    expect(await fails({ title: 'x', featured_image: `${FILES}/a.png` })).toMatch(
      /^WordPress rejected the input\. Slug \(slug\): .* uploaded \(media ID 93\) and is still in the media library; .* enter 93 as the Featured Image/,
    );
  });

  it('after a network failure on the post, keeps the image (the post may exist) and warns about running twice', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp().post('/wp-json/wp/v2/media').query(true).reply(201, { id: 94 });
    wp().post('/wp-json/wp/v2/posts').query(true).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    // The post is looked up: not there yet, but a reset before any answer may leave WordPress running.
    wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    const message = await fails({ title: 'x', featured_image: `${FILES}/a.png` });
    expect(message).toMatch(/the post "x" was not there yet, but WordPress may still be working on the request/);
    expect(message).toMatch(/before running the step again, so nothing is written twice/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
