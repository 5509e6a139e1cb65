// Upload Media: the download, the one upload request with its texts in the form, the output.
import nock from 'nock';
import { MEDIA_QUERY } from '../../../src/wordpress/media_item';
import { PNG, createPerform, restError } from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, readForm, userMessage, wp } from '../helpers';
import { loopbackOnlySockets, mockDns, restoreNetwork } from '../network';

const uploadMedia = createPerform('upload_media');
const run = (input: Record<string, unknown>) =>
  appTester(uploadMedia, bundle(input)) as Promise<Record<string, unknown>>;
const fails = async (input: Record<string, unknown>) => {
  const message = userMessage(await caught(() => run(input)));
  expectCleanMessage(message);
  return message;
};
const FILES = 'https://files.example.org';

const wpMedia = {
  id: 88,
  slug: 'spring',
  link: 'https://example.com/spring/',
  title: { raw: 'Spring 🚀', rendered: 'Spring 🚀' },
  caption: { raw: 'A <b>caption</b>', rendered: '<p>A <b>caption</b></p>\n' },
  description: {
    raw: 'Long & detailed',
    rendered: '<p class="attachment"><a href="x"><img src="y"></a></p>\n<p>Long &amp; detailed</p>\n',
  },
  alt_text: 'Alt & text',
  media_type: 'image',
  mime_type: 'image/png',
  media_details: {
    width: 400,
    height: 300,
    filesize: 1135,
    sizes: {
      medium: { source_url: 'https://example.com/wp-content/uploads/spring-300x225.png', width: 300, height: 225 },
      thumbnail: { source_url: 'https://example.com/wp-content/uploads/spring-150x150.png', width: 150, height: 150 },
      full: { source_url: 'https://example.com/wp-content/uploads/spring.png', width: 400, height: 300 },
    },
  },
  post: 12,
  source_url: 'https://example.com/wp-content/uploads/spring.png',
  author: 2,
  date: '2026-03-14T09:30:00',
  date_gmt: '2026-03-14T08:30:00',
  modified: '2026-03-14T09:30:00',
  modified_gmt: '2026-03-14T08:30:00',
  // WordPress 6.1 embeds the uploader only: it links an attachment to its post from 6.9 on.
  _embedded: { author: [{ id: 2, name: 'Edith Editor', link: 'https://example.com/author/edith/' }] },
};

describe('Upload Media', () => {
  it('uploads the bytes in one request with every text in the form, and maps the answer', async () => {
    nock(FILES, { badheaders: ['authorization'] })
      .get('/spring.png')
      .reply(200, PNG, { 'Content-Type': 'image/png; charset=binary' });
    let received = '';
    const scope = wp()
      .post('/wp-json/wp/v2/media')
      .query(MEDIA_QUERY)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', /^multipart\/form-data; boundary=/)
      .reply(201, (_uri, body) => {
        received = body as string;
        return wpMedia;
      });
    const out = await run({
      file: `${FILES}/spring.png`,
      title: 'Spring 🚀',
      alt_text: 'Alt & text',
      caption: 'A <b>caption</b>',
      description: 'Long & detailed',
      post_id: '12',
    });
    expect(scope.isDone()).toBe(true);
    expect(readForm(received)).toMatchObject({
      fields: {
        title: 'Spring 🚀',
        alt_text: 'Alt & text',
        caption: 'A <b>caption</b>',
        description: 'Long & detailed',
        post: '12',
      },
      file: { filename: 'spring.png', type: 'image/png', bytes: PNG },
    });
    expect(out).toEqual({
      warnings: [],
      id: 88,
      media_id: 88,
      title: 'Spring 🚀',
      slug: 'spring',
      link: 'https://example.com/spring/',
      url: 'https://example.com/wp-content/uploads/spring.png',
      source_url: 'https://example.com/wp-content/uploads/spring.png',
      mime_type: 'image/png',
      media_type: 'image',
      alt_text: 'Alt & text',
      caption: 'A caption',
      description: 'Long & detailed',
      width: 400,
      height: 300,
      filesize: 1135,
      sizes: {
        thumbnail: 'https://example.com/wp-content/uploads/spring-150x150.png',
        medium: 'https://example.com/wp-content/uploads/spring-300x225.png',
        large: 'https://example.com/wp-content/uploads/spring.png',
        full: 'https://example.com/wp-content/uploads/spring.png',
      },
      post_id: 12,
      post_title: null,
      author_id: 2,
      author_name: 'Edith Editor',
      date: '2026-03-14T09:30:00+01:00',
      date_gmt: '2026-03-14T08:30:00+00:00',
      modified: '2026-03-14T09:30:00+01:00',
      modified_gmt: '2026-03-14T08:30:00+00:00',
    });
  });

  it('sends no empty texts, and takes a PDF or any other type', async () => {
    nock(FILES).get('/docs/Rapport%20annuel.pdf').reply(200, '%PDF-1.4 test', { 'Content-Type': 'application/pdf' });
    let form: ReturnType<typeof readForm> | undefined;
    const scope = wp()
      .post('/wp-json/wp/v2/media', (body: string) => Boolean((form = readForm(body))))
      .query(MEDIA_QUERY)
      .reply(201, {
        id: 89,
        mime_type: 'application/pdf',
        media_type: 'file',
        source_url: 'https://example.com/r.pdf',
        title: { rendered: 'Rapport annuel' },
      });
    const out = await run({ file: `${FILES}/docs/Rapport%20annuel.pdf`, title: ' ', alt_text: '', caption: null });
    expect(scope.isDone()).toBe(true);
    expect(form).toMatchObject({ fields: {}, file: { filename: 'Rapport-annuel.pdf', type: 'application/pdf' } });
    expect(out).toMatchObject({
      id: 89,
      mime_type: 'application/pdf',
      width: null,
      sizes: { thumbnail: null, full: 'https://example.com/r.pdf' },
      post_id: null,
    });
  });

  it.each<[string, number, RegExp]>([
    [
      'rest_cannot_create',
      403,
      /not allowed to upload files to the media library: WordPress requires the "upload_files" capability \(roles: Author, Editor or Administrator\)/,
    ],
    [
      'rest_cannot_edit',
      403,
      /^WordPress refused to attach the file to post 12: the post does not exist, or this WordPress user may not edit it/,
    ],
    [
      'rest_upload_unknown_error',
      500,
      /^WordPress refused the file spring\.png \(image\/png\) from https:\/\/files\.example\.org\/spring\.png: this file type is not allowed/,
    ],
    ['rest_upload_file_too_big', 400, /larger than the site allows/],
    [
      'rest_upload_image_type_not_supported',
      400,
      /^The site's web server cannot make the resized copies WordPress needs of spring\.png \(image\/png\) .*refused it\. WordPress said: .*Convert the image to JPEG, PNG or WebP/,
    ],
  ])('%s has a specific message', async (code, status, expected) => {
    nock(FILES).get('/spring.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(status, restError(code, 'WordPress text.', status));
    expect(await fails({ file: `${FILES}/spring.png`, post_id: 12 })).toMatch(expected);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no file', {}, /^File: is required/],
    ['a non-URL', { file: 'hello world' }, /^File: "hello world" is not a URL/],
    [
      'a data: URL',
      { file: 'data:image/png;base64,AAAA' },
      /^File: "data:image\/png;base64,AAAA" must be an http:\/\/ or https:\/\/ link/,
    ],
    ['a bad post', { file: `${FILES}/a.png`, post_id: 'abc' }, /^Attach to Post: "abc" is not an ID/],
    ['giant alt text', { file: `${FILES}/a.png`, alt_text: 'a'.repeat(1001) }, /^Alt Text: is 1,001 characters long/],
  ])('refuses %s before any request', async (_name, input, expected) => {
    expect(await fails(input)).toMatch(expected);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('takes every text at its stated limit, in one request', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    const texts = {
      title: '日'.repeat(10_000),
      alt_text: '日'.repeat(1000),
      caption: '&'.repeat(10_000),
      description: '日'.repeat(50_000),
    };
    let form: ReturnType<typeof readForm> | undefined;
    wp()
      .post('/wp-json/wp/v2/media', (body: string) => Boolean((form = readForm(body))))
      .query(MEDIA_QUERY)
      .reply(201, { id: 90 });
    await run({ file: `${FILES}/a.png`, ...texts });
    expect(form?.fields).toEqual(texts);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'Title',
      { title: 'a'.repeat(10_001) },
      'Title: is 10,001 characters long; WordPress accepts at most 10,000 here.',
    ],
    [
      'Caption',
      { caption: '日'.repeat(10_001) },
      'Caption: is 10,001 characters long; WordPress accepts at most 10,000 here.',
    ],
    [
      'Description',
      { description: 'a'.repeat(50_001) },
      'Description: is 50,001 characters long; WordPress accepts at most 50,000 here.',
    ],
  ])('refuses a %s over its limit before the download', async (_name, texts, expected) => {
    expect(await fails({ file: `${FILES}/a.png`, ...texts })).toBe(`${expected} Shorten it.`);
  });

  it('uploads a JPEG a server labels text/plain as a JPEG, named .jpg', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    nock(FILES).get('/get').query({ id: '7' }).reply(200, jpeg, { 'Content-Type': 'text/plain; charset=utf-8' });
    let form: ReturnType<typeof readForm> | undefined;
    wp()
      .post('/wp-json/wp/v2/media', (body: string) => Boolean((form = readForm(body))))
      .query(true)
      .reply(201, { id: 91 });
    await run({ file: `${FILES}/get?id=7`, title: 'Shot' });
    expect(form?.file).toEqual({ filename: 'get.jpg', type: 'image/jpeg', bytes: jpeg });
  });

  it.each<[string, string, Record<string, string>]>([
    ['a quoted name with escaped quotes', 'attachment; filename="my \\"best\\" photo.png"', {}],
    ['a non-Latin name', "attachment; filename*=UTF-8''%E5%86%99%E7%9C%9F.png", { title: '写真' }],
  ])('names the file from %s; WordPress titles it from the name', async (_name, disposition, fields) => {
    nock(FILES)
      .get('/dl')
      .reply(200, PNG, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': disposition });
    let form: ReturnType<typeof readForm> | undefined;
    wp()
      .post('/wp-json/wp/v2/media', (body: string) => Boolean((form = readForm(body))))
      .query(true)
      .reply(201, { id: 92 });
    await run({ file: `${FILES}/dl` });
    expect(form?.fields).toEqual(fields);
    expect(form?.file?.filename).toBe(fields.title ? 'upload.png' : 'my-best-photo.png');
  });

  it('a download failure names the URL and the reason', async () => {
    nock(FILES).get('/gone.png').reply(410, 'gone');
    expect(await fails({ file: `${FILES}/gone.png` })).toBe(
      `File: could not download ${FILES}/gone.png: the server answered HTTP 410 (the server refused). Check that the link is public and points to the file itself.`,
    );
  });

  describe('a link to an address that is not public', () => {
    afterEach(restoreNetwork);

    it.each([
      [
        'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
        '169.254.169.254',
        'a cloud metadata address',
      ],
      ['http://metadata.test/computeMetadata/v1/', '169.254.169.254', 'a cloud metadata address'],
      ['http://[::ffff:10.0.0.1]/a.png', '::ffff:a00:1', 'a private network address'],
    ])('%s is refused, naming the field, and nothing is uploaded', async (file, address, reason) => {
      mockDns({ 'example.com': ['93.184.215.14'], 'metadata.test': ['169.254.169.254'] });
      const sockets = loopbackOnlySockets();
      const upload = wp().post('/wp-json/wp/v2/media').query(true).reply(201, wpMedia);
      expect(await fails({ file })).toBe(
        `File: ${new URL(file).href} leads to an address that is not public (${address}, ${reason}); Zapier downloads files only from public addresses. Use a public link to the file.`,
      );
      expect(upload.isDone()).toBe(false);
      expect(sockets.handed).toEqual([]);
    });
  });
});
