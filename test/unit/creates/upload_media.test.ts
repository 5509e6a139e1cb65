// Upload Media: the download, the one upload request with its texts in the query, the output.
import nock from 'nock';
import { MEDIA_FIELDS } from '../../../src/media';
import { PNG, createPerform, restError } from '../fixtures';
import { TOKEN, appTester, bundle, caught, expectCleanMessage, userMessage, wp } from '../helpers';
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
};

describe('Upload Media', () => {
  it('uploads the bytes in one request with every text in the query, and maps the answer', async () => {
    nock(FILES, { badheaders: ['authorization'] })
      .get('/spring.png')
      .reply(200, PNG, { 'Content-Type': 'image/png; charset=binary' });
    let received = '';
    const scope = wp()
      .post('/wp-json/wp/v2/media')
      .query({
        title: 'Spring 🚀',
        alt_text: 'Alt & text',
        caption: 'A <b>caption</b>',
        description: 'Long & detailed',
        post: '12',
        _fields: MEDIA_FIELDS,
      })
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .matchHeader('content-type', 'image/png')
      .matchHeader('content-disposition', 'attachment; filename="spring.png"')
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
    expect(Buffer.from(received, 'hex').equals(PNG)).toBe(true);
    expect(out).toEqual({
      id: 88,
      media_id: 88,
      title: 'Spring 🚀',
      slug: 'spring',
      link: 'https://example.com/spring/',
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
    });
  });

  it('sends no empty texts, and takes a PDF or any other type', async () => {
    nock(FILES).get('/docs/Rapport%20annuel.pdf').reply(200, '%PDF-1.4 test', { 'Content-Type': 'application/pdf' });
    const scope = wp()
      .post('/wp-json/wp/v2/media')
      .query({ _fields: MEDIA_FIELDS })
      .matchHeader('content-disposition', 'attachment; filename="Rapport-annuel.pdf"')
      .reply(201, {
        id: 89,
        mime_type: 'application/pdf',
        media_type: 'file',
        source_url: 'https://example.com/r.pdf',
        title: { rendered: 'Rapport annuel' },
      });
    const out = await run({ file: `${FILES}/docs/Rapport%20annuel.pdf`, title: ' ', alt_text: '', caption: null });
    expect(scope.isDone()).toBe(true);
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
      'rest_upload_sideload_error',
      500,
      /^WordPress refused the file spring\.png \(image\/png\) from https:\/\/files\.example\.org\/spring\.png: this file type is not allowed/,
    ],
    ['rest_upload_no_data', 400, /received no file data/],
    ['rest_upload_file_too_big', 400, /larger than the site allows/],
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
