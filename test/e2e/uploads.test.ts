// Upload Media against the real WordPress (site "main", Apache + mod_php, post_max_size 64M): long
// non-Latin texts in the one upload request, captions and descriptions as stored, file names, types
// and the site's PHP form limits. Files come from a loopback server started here; everything made
// is deleted again.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { uploadMediaCreate } from '../../src/creates/upload_media';
import { MEDIA_QUERY } from '../../src/wordpress/media_item';
import { caught, connect, recordRequests, requireWordPress, rest, run, sites, userMessage } from './harness';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
type Perform = Parameters<typeof run>[0];
const uploadMedia = (uploadMediaCreate.operation as { perform: Perform }).perform;

/** An 8×8 JPEG made by PHP's GD: WordPress checks that a .jpg really is one. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD//gA7Q1JFQVRPUjogZ2QtanBlZyB2MS4wICh1c2luZyBJSkcgSlBFRyB2NjIpLCBxdWFsaXR5ID0gNTAK/9sAQwAQCwwODAoQDg0OEhEQExgoGhgWFhgxIyUdKDozPTw5Mzg3QEhcTkBEV0U3OFBtUVdfYmdoZz5NcXlwZHhcZWdj/9sAQwEREhIYFRgvGhovY0I4QmNjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj/8AAEQgACAAIAwEiAAIRAQMRAf/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/EAB8BAAMBAQEBAQEBAQEAAAAAAAABAgMEBQYHCAkKC//EALURAAIBAgQEAwQHBQQEAAECdwABAgMRBAUhMQYSQVEHYXETIjKBCBRCkaGxwQkjM1LwFWJy0QoWJDThJfEXGBkaJicoKSo1Njc4OTpDREVGR0hJSlNUVVZXWFlaY2RlZmdoaWpzdHV2d3h5eoKDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uLj5OXm5+jp6vLz9PX29/j5+v/aAAwDAQACEQMRAD8ArUUUV5h7x//Z',
  'base64',
);
/** Over the bench's post_max_size (64 MiB): a JPEG with padding after its end, which image readers ignore. */
const OVER_FORM_LIMIT = 68_000_000;

let server: http.Server;
let files = '';
const uploaded: number[] = [];

beforeAll(async () => {
  await requireWordPress('main');
  server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (path === '/写真.jpg') res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(JPEG);
    else if (path === '/as-text') res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end(JPEG);
    else if (path === '/quoted')
      res
        .writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="my \\"best\\" photo.jpeg"',
        })
        .end(JPEG);
    else if (path === '/utf8-header')
      // The name's UTF-8 bytes as they are, as many servers send them (Node writes a string as Latin-1).
      res
        .writeHead(200, {
          'Content-Type': 'image/jpeg',
          'Content-Disposition': `attachment; filename="${Buffer.from('фото.jpg').toString('latin1')}"`,
        })
        .end(JPEG);
    else if (path === '/big.jpg') {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(OVER_FORM_LIMIT) });
      res.end(Buffer.concat([JPEG, Buffer.alloc(OVER_FORM_LIMIT - JPEG.length)]));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  files = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of uploaded) await rest(auth, `wp/v2/media/${id}`, { method: 'DELETE', query: { force: 'true' } });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function upload(input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const media = await run<Record<string, unknown>>(uploadMedia, input, { user: 'author' });
  uploaded.push(media.id as number);
  return media;
}

/** What WordPress stored, read back in the edit context. */
async function stored(id: unknown) {
  const auth = await connect('main', 'administrator');
  const item = await rest<{
    title: { raw: string };
    caption: { raw: string };
    description: { raw: string };
    alt_text: string;
  }>(auth, `wp/v2/media/${id}`, { query: { context: 'edit', _fields: 'title,caption,description,alt_text' } });
  return item.data;
}

const bench = new URL(sites.main.url).host;

describe('Upload Media: texts go in the body of the one upload request', () => {
  it('takes 900 Japanese characters in every text field, in one request, where the URL form meets 414', async () => {
    const texts = {
      title: `${RUN} ${'題'.repeat(900)}`,
      alt_text: '代替'.repeat(450),
      caption: '説明文'.repeat(300),
      description: '日本語'.repeat(300),
    };
    // The old form, the texts in the query string: Apache refuses a request line over 8,190 bytes.
    const auth = await connect('main', 'author');
    const old = new URL(`${auth.rest_root}wp/v2/media`);
    for (const [key, value] of Object.entries(texts)) old.searchParams.set(key, value);
    expect(old.href.length).toBeGreaterThan(4 * 900 * 9);
    const refused = await fetch(old, { method: 'POST', headers: { Authorization: `Bearer ${auth.token}` } });
    expect(refused.status).toBe(414);

    const { result: media, requests } = await recordRequests(() => upload({ file: `${files}/as-text`, ...texts }));
    const toWordPress = requests.filter((r) => r.host === bench);
    expect(toWordPress).toEqual([
      {
        method: 'POST',
        host: bench,
        path: `/wp-json/wp/v2/media?_fields=${encodeURIComponent(MEDIA_QUERY._fields)}&_embed=${encodeURIComponent(MEDIA_QUERY._embed)}`,
      },
    ]);
    // The uploader comes embedded in the same answer.
    expect(media).toMatchObject({
      ...texts,
      mime_type: 'image/jpeg',
      width: 8,
      height: 8,
      author_name: 'Arthur Author',
    });
    expect(await stored(media.id)).toMatchObject({
      title: { raw: texts.title },
      caption: { raw: texts.caption },
      description: { raw: texts.description },
      alt_text: texts.alt_text,
    });
  });

  it('holds every stated limit: 10,000 / 1,000 / 10,000 / 50,000 characters, even as an Author whose & is stored as &amp;', async () => {
    const texts = {
      title: '&'.repeat(10_000),
      alt_text: '日'.repeat(1000),
      caption: '&'.repeat(10_000),
      description: '日'.repeat(50_000),
    };
    const media = await upload({ file: `${files}/as-text`, ...texts });
    expect(media).toMatchObject(texts);
    // The caption's column holds 65,535 bytes: 10,000 × "&amp;" is 50,000 of them.
    expect((await stored(media.id)).caption.raw).toBe('&amp;'.repeat(10_000));
  });

  it('gives the caption and description as stored: an empty caption stays empty', async () => {
    const description = `${RUN} first line\nsecond line: a < b & c, "quoted"`;
    const media = await upload({ file: `${files}/as-text`, description });
    // WordPress's rendered caption is an excerpt it makes of the description.
    expect(media).toMatchObject({ caption: '', description });
    const caption = 'Two  spaces\nand a < b & c';
    expect(await upload({ file: `${files}/as-text`, caption })).toMatchObject({ caption, description: '' });
  });
});

describe('Upload Media: file names and types', () => {
  it('names a file from a quoted Content-Disposition name with escaped quotes', async () => {
    const media = await upload({ file: `${files}/quoted` });
    expect(media.source_url).toMatch(/\/my-best-photo(-\d+)?\.jpeg$/);
    expect(media.title).toMatch(/^my-best-photo(-\d+)?$/);
  });

  it('titles a file with a non-Latin name after its name; the stored file keeps an ASCII name', async () => {
    const fromPath = await upload({ file: `${files}/${encodeURIComponent('写真.jpg')}` });
    expect(fromPath.title).toBe('写真');
    expect(fromPath.source_url).toMatch(/\/upload(-\d+)?\.jpg$/);
    const fromHeader = await upload({ file: `${files}/utf8-header` });
    expect(fromHeader.title).toBe('фото');
  });

  it('uploads a JPEG that its server calls text/plain as a JPEG', async () => {
    const media = await upload({ file: `${files}/as-text` });
    expect(media).toMatchObject({ mime_type: 'image/jpeg', media_type: 'image', width: 8, height: 8 });
    expect(media.source_url).toMatch(/\/as-text(-\d+)?\.jpg$/);
  });
});

/** Zapier's detailed request log would hold each 68 MB request body: its one-line summaries are enough here. */
async function withoutBodyLogs<T>(fn: () => Promise<T>): Promise<T> {
  const detailed = process.env.DETAILED_LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
  try {
    return await fn();
  } finally {
    if (detailed !== undefined) process.env.DETAILED_LOG_TO_STDOUT = detailed;
  }
}

describe("Upload Media: a file over the site's PHP form limit (post_max_size)", () => {
  it('goes again as a raw upload, which the limit does not cover, with its texts', async () => {
    const { result: media, requests } = await recordRequests(() =>
      withoutBodyLogs(() => upload({ file: `${files}/big.jpg`, title: `${RUN} big`, caption: 'Big caption' })),
    );
    expect(requests.filter((r) => r.host === bench && r.method === 'POST')).toHaveLength(2);
    expect(media).toMatchObject({ title: `${RUN} big`, caption: 'Big caption', filesize: OVER_FORM_LIMIT });
  });

  it('is refused with both remedies when its texts are too long for the raw upload; nothing is stored', async () => {
    const err = await caught(() =>
      withoutBodyLogs(() =>
        run(
          uploadMedia,
          { file: `${files}/big.jpg`, title: `${RUN} refused`, caption: '日'.repeat(900) },
          { user: 'author' },
        ),
      ),
    );
    expect(userMessage(err)).toBe(
      `The file from ${files}/big.jpg (64.8 MB) is larger than the site's PHP upload limits (upload_max_filesize or post_max_size; WordPress shows them as "Maximum upload file size" under Media → Add New), and its title, alt text, caption and description together are too long to send with it another way. Shorten those texts, or ask the site's host to raise upload_max_filesize and post_max_size above 64.8 MB.`,
    );
    const auth = await connect('main', 'administrator');
    const found = await rest<unknown[]>(auth, 'wp/v2/media', { query: { search: `${RUN} refused`, _fields: 'id' } });
    expect(found.data).toEqual([]);
  });
});
