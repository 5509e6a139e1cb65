// Where downloads may go, against the real WordPress: the bench site is on 127.0.0.1, so links to
// a loopback image server (started here) stay allowed, redirects included. The refusal of the same
// links for a site with a public address is shown with mocked DNS only: nothing in this file ever
// connects to anything but 127.0.0.1.
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { uploadMediaCreate } from '../../src/creates/upload_media';
import { downloadFile } from '../../src/zap/files';
import { appTester, caught, connect, recordRequests, requireWordPress, rest, run, userMessage } from './harness';

jest.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
type Perform = Parameters<typeof run>[0];
const uploadMedia = (uploadMediaCreate.operation as { perform: Perform }).perform;

let image: Buffer;
let server: http.Server;
let files = '';
let port = 0;
const served: Array<{ path: string; authorization?: string }> = [];
const uploaded: number[] = [];

beforeAll(async () => {
  await requireWordPress('main');
  // A real image from the bench (the seed post's featured image), for WordPress to make sizes of.
  const auth = await connect('main', 'administrator');
  const seed = await rest<Array<{ featured_media: number }>>(auth, 'wp/v2/posts', {
    query: { slug: 'a-post-with-a-featured-image', _fields: 'featured_media' },
  });
  const media = await rest<{ source_url: string }>(auth, `wp/v2/media/${seed.data[0]?.featured_media}`, {
    query: { _fields: 'source_url' },
  });
  image = Buffer.from(await (await fetch(media.data.source_url)).arrayBuffer());

  server = http.createServer((req, res) => {
    served.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/photo.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(image);
    else if (req.url === '/go') res.writeHead(302, { Location: 'photo.png' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  files = `http://127.0.0.1:${port}`;
});

beforeEach(() => {
  served.length = 0;
});

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of uploaded) await rest(auth, `wp/v2/media/${id}`, { method: 'DELETE', query: { force: 'true' } });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** `dns.lookup` answering from a table; any other name fails as unknown (nothing is resolved for real). */
function mockDns(table: Record<string, string>) {
  type Callback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
  const fake = (host: string, options: dns.LookupOptions | Callback, callback?: Callback) => {
    const done = (typeof options === 'function' ? options : callback) as Callback;
    const address = table[host];
    process.nextTick(() => {
      if (!address) return done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '');
      const all = typeof options === 'object' && options.all;
      return all ? done(null, [{ address, family: 4 }]) : done(null, address, 4);
    });
  };
  return jest.spyOn(dns, 'lookup').mockImplementation(fake as unknown as typeof dns.lookup);
}

async function upload(file: string): Promise<Record<string, unknown>> {
  const media = await run<Record<string, unknown>>(
    uploadMedia,
    { file, title: `E2E ${RUN} download` },
    { user: 'author' },
  );
  uploaded.push(media.id as number);
  return media;
}

describe('Upload Media on a site at 127.0.0.1', () => {
  it('takes a file from a loopback image server, without sending it the token', async () => {
    const media = await upload(`${files}/photo.png`);
    expect(media).toMatchObject({ mime_type: 'image/png', media_type: 'image' });
    expect(served).toEqual([{ path: '/photo.png' }]);
  });

  it('follows a relative redirect itself, one request per hop', async () => {
    const { result, requests } = await recordRequests(() => upload(`${files}/go`));
    expect(result.source_url).toMatch(/\/photo(-\d+)?\.png$/);
    expect(served.map((s) => s.path)).toEqual(['/go', '/photo.png']);
    expect(requests.filter((r) => r.host === `127.0.0.1:${port}`).map((r) => r.path)).toEqual(['/go', '/photo.png']);
  });

  it("takes a file from the site's own uploads", async () => {
    const auth = await connect('main', 'author');
    const [first] = uploaded;
    const own = await rest<{ source_url: string }>(auth, `wp/v2/media/${first}`, { query: { _fields: 'source_url' } });
    const media = await upload(own.data.source_url);
    expect(media).toMatchObject({ mime_type: 'image/png', width: expect.any(Number) });
  });
});

describe('the same links, with mocked DNS', () => {
  /** downloadFile as the Featured Image field would call it, with the connection given. */
  const download = (url: string, authData: Record<string, string>) =>
    appTester(
      (async (z: ZObject, bundle: Bundle) =>
        (await downloadFile(z, bundle, url, 'Featured Image', 'x')).filename) as never,
      { authData, inputData: {} } as never,
    );

  it('a name that resolves to loopback is fetched through the guarded lookup (the site is on loopback)', async () => {
    const lookups = mockDns({ 'images.bench.test': '127.0.0.1' });
    const auth = await connect('main', 'author');
    expect(await download(`http://images.bench.test:${port}/photo.png`, auth)).toBe('photo.png');
    expect(served).toEqual([{ path: '/photo.png' }]);
    expect(lookups.mock.calls.map((call) => call[0])).toEqual(['images.bench.test']);
  });

  it('is refused before any request when the site resolves to a public address', async () => {
    mockDns({ 'wordpress.public.test': '93.184.215.14', 'images.bench.test': '127.0.0.1' });
    const auth = await connect('main', 'author');
    const publicSite = {
      ...auth,
      site_url: 'http://wordpress.public.test',
      rest_root: 'http://wordpress.public.test/wp-json/',
    };
    for (const [url, shown] of [
      [`${files}/photo.png?sig=abc`, `${files}/photo.png`],
      [`http://images.bench.test:${port}/photo.png`, `http://images.bench.test:${port}/photo.png`],
    ]) {
      const { result: err, requests } = await recordRequests(() => caught(() => download(url!, publicSite)));
      expect(userMessage(err)).toBe(
        `Featured Image: ${shown} leads to an address that is not public (127.0.0.1, a loopback address); Zapier downloads files only from public addresses. Use a public link to the file.`,
      );
      // A literal is refused before its request; a name when its socket looks it up, before connecting.
      expect(requests.length).toBeLessThanOrEqual(1);
    }
    expect(served).toEqual([]);
  });
});
