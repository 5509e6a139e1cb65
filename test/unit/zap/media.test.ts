// The media library: one multipart upload with the texts beside the file, the raw upload when the
// site's PHP form limits refuse the form, WordPress's refusals in words, and the output as written.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { DownloadedFile } from '../../../src/zap/files';
import { MediaFields, uploadMedia } from '../../../src/zap/media';
import { MEDIA_QUERY, WPMediaItem, toMediaOutput } from '../../../src/wordpress/media_item';
import { PNG, restError } from '../fixtures';
import { SITE, TOKEN, appTester, bundle, failsWith, readForm, wp } from '../helpers';

const SOURCE = 'https://files.example.org/spring.png';
const FILE: DownloadedFile = { bytes: PNG, contentType: 'image/png', filename: 'spring.png', source: SOURCE };
/** The upload's URL: the fields and embeds of the answer, never a text. */
const UPLOAD_PATH = `/wp-json/wp/v2/media?_fields=${encodeURIComponent(MEDIA_QUERY._fields)}&_embed=${encodeURIComponent(MEDIA_QUERY._embed)}`;
const TEXTS = { title: 'Spring 🚀', alt_text: 'Alt & text', caption: 'A caption', description: 'Long\ndescription' };

/** uploadMedia through Zapier's runtime, for a connected account. */
const upload = (fields: MediaFields = TEXTS, file: DownloadedFile = FILE) =>
  appTester((async (z: ZObject, b: Bundle) => uploadMedia(z, b, file, fields)) as never, bundle() as never) as Promise<
    Record<string, unknown>
  >;

/** The upload as WordPress receives it: the path, the Content-Type and the form. */
function expectForm(status = 201, answer: object = { id: 88 }) {
  const seen: { path?: string; contentType?: string; form?: ReturnType<typeof readForm> } = {};
  const scope = wp()
    .post('/wp-json/wp/v2/media')
    .query(MEDIA_QUERY)
    .matchHeader('authorization', `Bearer ${TOKEN}`)
    .matchHeader('content-type', /^multipart\/form-data; boundary=wpjz-[0-9a-f]{32}$/)
    .reply(function (path, body) {
      seen.path = path;
      seen.contentType = String(this.req.headers['content-type']);
      seen.form = readForm(body as string);
      return [status, answer];
    });
  return { scope, seen };
}

/** The raw upload: the bytes as the body, the texts in the query. */
function expectRaw(query: Record<string, string>, answer: object = { id: 89 }) {
  let received = '';
  const scope = wp()
    .post('/wp-json/wp/v2/media')
    .query({ ...query, ...MEDIA_QUERY })
    .matchHeader('content-type', 'image/png')
    .matchHeader('content-disposition', 'attachment; filename="spring.png"')
    .reply(201, (_uri, body) => {
      received = body as string;
      return answer;
    });
  return { scope, bytes: () => Buffer.from(received, 'hex') };
}

describe('uploadMedia', () => {
  it('sends the file and every text as form fields, in one request with only the answer’s fields and embeds in the URL', async () => {
    const { scope, seen } = expectForm();
    expect(await upload({ ...TEXTS, post: 12 })).toEqual({ item: { id: 88 } });
    expect(scope.isDone()).toBe(true);
    expect(seen.path).toBe(UPLOAD_PATH);
    // The boundary the header announces is the one the body uses, a new one each time.
    const boundary = seen.contentType!.split('boundary=')[1];
    expect(seen.form).toEqual({
      boundary,
      fields: { ...TEXTS, post: '12' },
      file: { filename: 'spring.png', type: 'image/png', bytes: PNG },
      closed: true,
    });
    const again = expectForm();
    await upload();
    expect(again.seen.form?.boundary).not.toBe(boundary);
  });

  it('keeps long non-Latin texts, line breaks and Zapier-style curlies out of the URL, byte for byte', async () => {
    const long = {
      title: '日'.repeat(900),
      alt_text: 'ж'.repeat(900),
      caption: `${'写真'.repeat(450)}\r\nline two`,
      description: 'See {{bundle.authData.token}} & <b>"quotes"</b>',
    };
    const { seen } = expectForm();
    await upload(long);
    expect(seen.form?.fields).toEqual(long);
    expect(seen.path).toBe(UPLOAD_PATH);
  });

  it('sends no empty field, and titles the item after a non-Latin name unless a Title is given', async () => {
    const named = { ...FILE, filename: 'upload.jpg', contentType: 'image/jpeg', title: '写真' };
    let call = expectForm();
    await upload({}, named);
    expect(call.seen.form?.fields).toEqual({ title: '写真' });
    call = expectForm();
    await upload({ title: 'Given' }, named);
    expect(call.seen.form?.fields).toEqual({ title: 'Given' });
    call = expectForm();
    await upload({});
    expect(call.seen.form?.fields).toEqual({});
    expect(call.seen.form?.file?.filename).toBe('spring.png');
  });

  it.each<[string, object]>([
    [
      'over post_max_size (PHP drops the form)',
      restError('rest_upload_no_content_disposition', 'No Content-Disposition supplied.', 400),
    ],
    ['over post_max_size on other PHP versions', restError('rest_upload_no_data', 'No data supplied.', 400)],
    [
      'over upload_max_filesize',
      restError(
        'rest_upload_unknown_error',
        'The uploaded file exceeds the upload_max_filesize directive in php.ini.',
        500,
      ),
    ],
  ])('a form %s goes again as a raw upload, the texts in its query', async (_name, refusal) => {
    const form = expectForm(400, refusal);
    const raw = expectRaw({ ...TEXTS, post: '12' });
    expect(await upload({ ...TEXTS, post: 12 })).toEqual({ item: { id: 89 } });
    expect(form.scope.isDone() && raw.scope.isDone()).toBe(true);
    expect(raw.bytes().equals(PNG)).toBe(true);
  });

  it('a file over the form limits with texts too long for a URL is refused with both remedies, uploaded once', async () => {
    expectForm(400, restError('rest_upload_no_content_disposition', 'No Content-Disposition supplied.', 400));
    const big = { ...FILE, bytes: Buffer.alloc(3 * 1024 * 1024, 1) };
    const { message } = await failsWith(() => upload({ caption: '日'.repeat(900) }, big));
    expect(message).toBe(
      `The file from ${SOURCE} (3.0 MB) is larger than the site's PHP upload limits (upload_max_filesize or post_max_size; WordPress shows them as "Maximum upload file size" under Media → Add New), and its title, alt text, caption and description together are too long to send with it another way. Shorten those texts, or ask the site's host to raise upload_max_filesize and post_max_size above 3.0 MB.`,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a refused type is not sent again, and names the file (400, not WordPress 500)', async () => {
    expectForm(
      500,
      restError('rest_upload_unknown_error', 'Sorry, you are not allowed to upload this file type.', 500),
    );
    const { message, err } = await failsWith(() => upload());
    expect(message).toBe(
      `WordPress refused the file spring.png (image/png) from ${SOURCE}: this file type is not allowed on the site, or the uploads folder is not writable. WordPress said: "Sorry, you are not allowed to upload this file type". Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`,
    );
    expect(JSON.parse(err.message).status).toBe(400);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each<[string, number, string, RegExp]>([
    ['rest_cannot_create', 403, 'No.', /not allowed to upload files to the media library.*"upload_files"/],
    ['rest_cannot_edit', 403, 'No.', /^WordPress refused to attach the file to post 12: the post does not exist/],
    [
      'rest_upload_file_too_big',
      400,
      'Files must be less than 1500 KB in size.',
      /larger than the site allows\. WordPress said: "Files must be less than 1500 KB in size"\.$/,
    ],
    [
      'rest_upload_limited_space',
      400,
      'Not enough space to upload. 12 KB needed.',
      /^The site has no room left for the file from https:\/\/files\.example\.org\/spring\.png\. WordPress said: "Not enough space to upload\. 12 KB needed"\. Free some space/,
    ],
  ])('%s has its own message', async (code, status, said, expected) => {
    expectForm(status, restError(code, said, status));
    expect((await failsWith(() => upload({ post: 12 }))).message).toMatch(expected);
  });

  it('says that the data was lost on the way when even the raw upload arrives without it', async () => {
    expectForm(400, restError('rest_upload_no_data', 'No data supplied.', 400));
    wp()
      .post('/wp-json/wp/v2/media')
      .query(true)
      .reply(400, restError('rest_upload_no_data', 'No data supplied.', 400));
    expect((await failsWith(() => upload({}))).message).toBe(
      `WordPress received the file from ${SOURCE} (1 KB) without its data: a limit in front of WordPress (PHP, a proxy or a firewall) dropped it. Ask the site's host to allow uploads of this size.`,
    );
  });
});

describe('toMediaOutput', () => {
  const item = (overrides: Partial<WPMediaItem>): WPMediaItem => ({ id: 5, ...overrides });
  const toOutput = (media: WPMediaItem) => toMediaOutput(media, SITE);

  it('gives the caption as stored, not the excerpt WordPress makes of the description for an empty one', () => {
    const out = toOutput(
      item({
        caption: { raw: '', rendered: '<p>Desc line1 line2\n</p>\n' },
        description: {
          raw: 'Desc line1\nline2',
          rendered: '<p class="attachment"><img src="x"></p>\n<p>Desc line1<br />\nline2</p>\n',
        },
      }),
    );
    expect(out).toMatchObject({ caption: '', description: 'Desc line1\nline2' });
  });

  it("gives plain text exactly as written; an Author's entities decoded; HTML as text", () => {
    const out = toOutput(
      item({
        caption: { raw: 'Two  spaces\na < b & c', rendered: '<p>Two  spaces<br />\na < b &#038; c</p>\n' },
        description: { raw: 'D a &lt; b &amp; c', rendered: '<p>D a &lt; b &amp; c</p>\n' },
        alt_text: 'Alt &lt; b &amp; &quot;q&quot;',
      }),
    );
    expect(out).toMatchObject({
      caption: 'Two  spaces\na < b & c',
      description: 'D a < b & c',
      alt_text: 'Alt < b & "q"',
    });
    expect(toOutput(item({ caption: { raw: 'A <b>caption</b>', rendered: '' } })).caption).toBe('A caption');
  });

  it('falls back to the rendered text when WordPress gives no raw text', () => {
    const out = toOutput(
      item({
        caption: { rendered: '<p>Shown &amp; told</p>\n' },
        description: { rendered: '<p class="attachment"><img src="x"></p><p>Text</p>' },
      }),
    );
    expect(out).toMatchObject({ caption: 'Shown & told', description: 'Text' });
  });

  it('names the uploader and the attached post from the embeds (WordPress 6.9+ embeds the post), dates with offsets', () => {
    const out = toOutput(
      item({
        author: 2,
        post: 12,
        date: '2026-03-14T09:30:00',
        date_gmt: '2026-03-14T08:30:00',
        modified: '2026-03-14T09:31:05',
        modified_gmt: '2026-03-14T08:31:05',
        source_url: '/wp-content/uploads/2026/03/spring.png',
        link: '/spring/',
        _embedded: {
          author: [{ id: 2, name: 'Edith &amp; Co' }],
          'wp:attached-to': [{ id: 12, link: `${SITE}/launch/`, title: { rendered: 'Launch &#8220;day&#8221;' } }],
        },
      }),
    );
    expect(out).toMatchObject({
      post_id: 12,
      post_title: 'Launch “day”',
      author_id: 2,
      author_name: 'Edith & Co',
      date: '2026-03-14T09:30:00+01:00',
      date_gmt: '2026-03-14T08:30:00+00:00',
      modified: '2026-03-14T09:31:05+01:00',
      modified_gmt: '2026-03-14T08:31:05+00:00',
      url: `${SITE}/wp-content/uploads/2026/03/spring.png`,
      source_url: '/wp-content/uploads/2026/03/spring.png',
      link: `${SITE}/spring/`,
    });
  });

  it('an uploader or post WordPress will not embed (no link before 6.9, or not readable) gives nulls', () => {
    const forbidden = { code: 'rest_forbidden', message: 'Sorry', data: { status: 403 } };
    const out = toOutput(
      item({
        author: 3,
        post: 12,
        _embedded: { author: [{ id: 0, name: '', code: 'rest_user_cannot_view' }], 'wp:attached-to': [forbidden] },
      }),
    );
    expect(out).toMatchObject({ post_id: 12, post_title: null, author_id: 3, author_name: null });
    expect(toOutput(item({ post: null }))).toMatchObject({ post_id: null, post_title: null, author_name: null });
  });
});
