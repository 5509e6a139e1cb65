// Files for the media library: the names WordPress accepts, the name a download announces, and
// where a download may go (every hop's address judged; DNS and sockets fake: see ./network).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { downloadFile, filenameFromDisposition, safeFilename, titleFromName } from '../../../src/zap/files';
import { PNG } from '../fixtures';
import { TOKEN, appTester, authData, bundle, failsWith, wp } from '../helpers';
import { loopbackOnlySockets, mockDns, restoreNetwork } from '../network';

describe('file names', () => {
  it.each<[string | undefined, string, string, string]>([
    ['photo.jpg', 'image/jpeg', 'x', 'photo.jpg'],
    ['photo.jpeg', 'image/jpeg', 'x', 'photo.jpeg'],
    ['photo', 'image/png', 'x', 'photo.png'],
    ['photo.txt', 'image/png', 'x', 'photo.png'],
    ['Crème brûlée 🚀.png', 'image/png', 'x', 'Creme-brulee.png'],
    ['..\\..\\evil".png', 'image/png', 'x', 'evil.png'],
    ['🚀🚀.gif', 'image/gif', 'Mon Titre', 'Mon-Titre.gif'],
    [undefined, 'image/webp', '', 'file.webp'],
    ['a'.repeat(300) + '.png', 'image/png', 'x', `${'a'.repeat(80)}.png`],
    ['data.bin', 'application/x-unknown', 'x', 'data.bin'],
  ])('%s (%s) → %s', (name, type, fallback, expected) => {
    expect(safeFilename(name, type, fallback)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('reads Content-Disposition in its plain and RFC 5987 forms', () => {
    expect(filenameFromDisposition('attachment; filename="a b.png"')).toBe('a b.png');
    expect(filenameFromDisposition('inline; filename=plain.jpg')).toBe('plain.jpg');
    expect(filenameFromDisposition('attachment; filename="fallback.png"; filename*=UTF-8\'\'%C3%A9t%C3%A9.png')).toBe(
      'été.png',
    );
    expect(filenameFromDisposition('attachment')).toBeUndefined();
    expect(filenameFromDisposition(undefined)).toBeUndefined();
  });

  it('reads a quoted name with escaped quotes and backslashes', () => {
    const name = filenameFromDisposition('attachment; filename="my \\"best\\" photo.jpeg"; size=3');
    expect(name).toBe('my "best" photo.jpeg');
    expect(safeFilename(name, 'image/jpeg', 'upload')).toBe('my-best-photo.jpeg');
    expect(filenameFromDisposition('inline; filename="a\\\\b.png"')).toBe('a\\b.png');
  });

  it('reads a name sent as raw UTF-8 bytes (Node reads header bytes as Latin-1), and keeps a Latin-1 one', () => {
    const asNodeReadsIt = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    expect(filenameFromDisposition(`attachment; filename="${asNodeReadsIt('写真.jpg')}"`)).toBe('写真.jpg');
    expect(filenameFromDisposition(`attachment; filename=${asNodeReadsIt('фото.png')}`)).toBe('фото.png');
    expect(filenameFromDisposition('attachment; filename="caf\u00e9.png"')).toBe('café.png');
  });

  it.each<[string | undefined, string | undefined]>([
    ['写真.jpg', '写真'],
    ['фото  отпуск.png', 'фото отпуск'],
    ['Straße.png', 'Straße'],
    ['dir/ﾌｫﾄ\t1.gif', 'ﾌｫﾄ 1'],
    ['Crème brûlée 🚀.png', undefined],
    ['my "best" photo.jpeg', undefined],
    ['🚀.png', undefined],
    [undefined, undefined],
  ])('titles %s as %s (a title only when the ASCII name loses letters)', (name, title) => {
    expect(titleFromName(name)).toBe(title);
  });
});

const LABEL = 'Featured Image';
const PUBLIC = 'https://files.example.org';
const NOT_PUBLIC = 'Zapier downloads files only from public addresses. Use a public link to the file.';
/** What the site resolves to unless a test says otherwise: a public address. */
const SITE_DNS = { 'example.com': ['93.184.215.14'] };

/** downloadFile through Zapier's runtime, as the Featured Image field of a connected account. */
async function download(url: string, auth = authData()) {
  const perform = async (z: ZObject, b: Bundle) => {
    const file = await downloadFile(z, b, url, LABEL, 'fallback');
    return { bytes: file.bytes.toString('hex'), contentType: file.contentType, filename: file.filename };
  };
  return (await appTester(perform as never, bundle({}, {}, auth) as never)) as Record<string, string>;
}

const refusedMessage = async (url: string, auth = authData()) => (await failsWith(() => download(url, auth))).message;

/** An image server on 127.0.0.1, reached in these tests only through names in the fake DNS. */
let server: http.Server;
let port = 0;
const served: Array<{ path: string; authorization?: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/go') res.writeHead(302, { Location: 'photo.png' }).end();
    else res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  served.length = 0;
});
afterEach(restoreNetwork);

describe('downloads go only to public addresses', () => {
  it('refuses a name that resolves to the metadata service, before any socket connects, naming the field', async () => {
    mockDns({ ...SITE_DNS, 'metadata.test': ['169.254.169.254'] });
    const sockets = loopbackOnlySockets();
    expect(await refusedMessage('http://metadata.test/latest/meta-data/iam?token=s3cret')).toBe(
      `Featured Image: http://metadata.test/latest/meta-data/iam leads to an address that is not public (169.254.169.254, a cloud metadata address); ${NOT_PUBLIC}`,
    );
    expect(sockets.handed).toEqual([]);
  });

  it('refuses a DNS answer with one public and one private address', async () => {
    mockDns({ ...SITE_DNS, 'mixed.test': ['93.184.215.14', '10.0.0.7'] });
    const sockets = loopbackOnlySockets();
    expect(await refusedMessage('https://mixed.test/a.png')).toMatch(
      /^Featured Image: https:\/\/mixed\.test\/a\.png leads to an address that is not public \(10\.0\.0\.7, a private network address\)/,
    );
    expect(sockets.handed).toEqual([]);
  });

  it.each([
    ['http://127.0.0.1:8080/a.png', '127.0.0.1', 'a loopback address'],
    ['http://10.1.2.3/a.png', '10.1.2.3', 'a private network address'],
    ['http://172.20.0.1/a.png', '172.20.0.1', 'a private network address'],
    ['http://192.168.1.1/a.png', '192.168.1.1', 'a private network address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'a cloud metadata address'],
    ['http://169.254.1.1/a.png', '169.254.1.1', 'a link-local address'],
    ['http://100.64.0.1/a.png', '100.64.0.1', 'a shared address of a carrier-grade NAT'],
    ['http://0.0.0.0/a.png', '0.0.0.0', 'the unspecified address'],
    ['http://224.0.0.1/a.png', '224.0.0.1', 'a multicast address'],
    ['http://[::1]/a.png', '::1', 'a loopback address'],
    ['http://[fd00::5]/a.png', 'fd00::5', 'a private network address'],
    ['http://[fe80::1]/a.png', 'fe80::1', 'a link-local address'],
    ['http://[::ffff:169.254.169.254]/a.png', '::ffff:a9fe:a9fe', 'a cloud metadata address'],
    // Spellings the URL parser turns into 127.0.0.1 and 0.0.0.0.
    ['http://0x7f.1/a.png', '127.0.0.1', 'a loopback address'],
    ['http://2130706433/a.png', '127.0.0.1', 'a loopback address'],
    ['http://0/a.png', '0.0.0.0', 'the unspecified address'],
  ])('refuses %s before any request', async (url, address, reason) => {
    mockDns(SITE_DNS);
    const sockets = loopbackOnlySockets();
    expect(await refusedMessage(url)).toBe(
      `Featured Image: ${new URL(url).origin}${new URL(url).pathname} leads to an address that is not public (${address}, ${reason}); ${NOT_PUBLIC}`,
    );
    expect(sockets.handed).toEqual([]);
  });

  it('refuses a public link that redirects to a private IP address', async () => {
    mockDns(SITE_DNS);
    const hop = nock(PUBLIC)
      .get('/a.png')
      .query({ sig: 'abc' })
      .reply(302, '', { Location: 'http://169.254.169.254/latest/meta-data/?x=1' });
    expect(await refusedMessage(`${PUBLIC}/a.png?sig=abc`)).toBe(
      `Featured Image: ${PUBLIC}/a.png redirects to http://169.254.169.254/latest/meta-data/, which leads to an address that is not public (169.254.169.254, a cloud metadata address); ${NOT_PUBLIC}`,
    );
    expect(hop.isDone()).toBe(true);
  });

  it('refuses a public link that redirects to a name resolving to a private address', async () => {
    mockDns({ ...SITE_DNS, 'intranet.test': ['192.168.0.10'] });
    const sockets = loopbackOnlySockets();
    nock(PUBLIC).get('/a.png').reply(301, '', { Location: 'http://intranet.test/secret.png' });
    expect(await refusedMessage(`${PUBLIC}/a.png`)).toMatch(
      /redirects to http:\/\/intranet\.test\/secret\.png, which leads to an address that is not public \(192\.168\.0\.10, a private network address\)/,
    );
    expect(sockets.handed).toEqual([]);
  });

  it('fetches from a loopback address when the site itself is on loopback', async () => {
    const dnsSpy = mockDns({ 'files.test': ['127.0.0.1'] });
    const sockets = loopbackOnlySockets();
    const local = authData({ site_url: 'http://127.0.0.1:8080', rest_root: 'http://127.0.0.1:8080/wp-json/' });
    const file = await download(`http://files.test:${port}/go`, local);
    expect(file).toEqual({ bytes: PNG.toString('hex'), contentType: 'image/png', filename: 'photo.png' });
    expect(served).toEqual([{ path: '/go' }, { path: '/photo.png' }]);
    expect(sockets.handed).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(dnsSpy.mock.calls.map((call) => call[0])).toEqual(['files.test', 'files.test']);
  });

  it('an intranet site lets a link reach its private network (the socket is handed 10.9.9.9), never loopback', async () => {
    mockDns({ 'wp.corp.test': ['10.1.2.3'], 'nas.corp.test': ['10.9.9.9'], 'files.test': ['127.0.0.1'] });
    const sockets = loopbackOnlySockets();
    const intranet = authData({ site_url: 'http://wp.corp.test', rest_root: 'http://wp.corp.test/wp-json/' });
    // The test network refuses 10.9.9.9 at the socket, after the guard let it through.
    await expect(download('http://nas.corp.test/a.png', intranet)).rejects.toThrow();
    expect(sockets.handed).toEqual(['10.9.9.9']);
    expect(await refusedMessage(`http://files.test:${port}/photo.png`, intranet)).toMatch(
      /\(127\.0\.0\.1, a loopback address\)/,
    );
    expect(served).toEqual([]);
  });

  it('refuses the same loopback file when the site is public', async () => {
    mockDns({ ...SITE_DNS, 'files.test': ['127.0.0.1'] });
    loopbackOnlySockets();
    expect(await refusedMessage(`http://files.test:${port}/photo.png`)).toMatch(/\(127\.0\.0\.1, a loopback address\)/);
    expect(served).toEqual([]);
  });

  it('downloads from a public address, without a DNS lookup of the site', async () => {
    const dnsSpy = mockDns({});
    nock(PUBLIC).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    expect(await download(`${PUBLIC}/a.png`)).toMatchObject({ bytes: PNG.toString('hex'), filename: 'a.png' });
    expect(dnsSpy).not.toHaveBeenCalled();
  });
});

describe('redirects', () => {
  it('follows relative and absolute Locations, names the file by the last hop', async () => {
    const hops = nock(PUBLIC)
      .get('/download')
      .query({ id: '3' })
      .reply(302, '', { Location: '/files/2026/' })
      .get('/files/2026/')
      .reply(307, '', { Location: '../spring.png' })
      .get('/files/spring.png')
      .reply(308, '', { Location: 'https://cdn.example.net/spring.png' });
    nock('https://cdn.example.net').get('/spring.png').reply(200, PNG, { 'Content-Type': 'image/png' });
    expect(await download(`${PUBLIC}/download?id=3`)).toMatchObject({ filename: 'spring.png' });
    expect(hops.isDone()).toBe(true);
  });

  it('gives the token only to the site: not to the host the site redirects to', async () => {
    const site = wp()
      .get('/wp-content/uploads/private.png')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(302, '', { Location: 'https://cdn.example.net/private.png' });
    const cdn = nock('https://cdn.example.net', { badheaders: ['authorization'] })
      .get('/private.png')
      .reply(200, PNG, { 'Content-Type': 'image/png' });
    await download('https://example.com/wp-content/uploads/private.png');
    expect(site.isDone() && cdn.isDone()).toBe(true);
  });

  it('follows 5 redirects, and refuses a sixth', async () => {
    const chain = (n: number) => {
      const scope = nock(PUBLIC);
      for (let i = 0; i < n; i++) scope.get(`/r${i}`).reply(302, '', { Location: `/r${i + 1}` });
      scope.get(`/r${n}`).reply(200, PNG, { 'Content-Type': 'image/png' });
    };
    chain(5);
    expect(await download(`${PUBLIC}/r0`)).toMatchObject({ filename: 'r5.png' });
    nock.cleanAll();
    chain(6);
    expect(await refusedMessage(`${PUBLIC}/r0`)).toBe(
      `Featured Image: could not download ${PUBLIC}/r0: the link redirects more than 5 times. Use the direct link to the file.`,
    );
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['gopher://127.0.0.1:6379/_INFO', 'gopher:'],
    ['ftp://files.example.org/a.png', 'ftp:'],
  ])('refuses a redirect to %s', async (location, scheme) => {
    nock(PUBLIC).get('/a.png').reply(302, '', { Location: location });
    expect(await refusedMessage(`${PUBLIC}/a.png`)).toBe(
      `Featured Image: could not download ${PUBLIC}/a.png: the server redirects to a ${scheme} address; only http:// and https:// links can be downloaded. Use the direct link to the file.`,
    );
  });

  it('says so when a redirect names no Location', async () => {
    nock(PUBLIC).get('/a.png').reply(302, '');
    expect(await refusedMessage(`${PUBLIC}/a.png`)).toBe(
      `Featured Image: could not download ${PUBLIC}/a.png: the server answered HTTP 302 without saying where the file is.`,
    );
  });
});

describe("a file's type", () => {
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
  const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\0\0')]);
  const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');

  const served = async (bytes: Buffer | string, headers: Record<string, string>, path = '/file') => {
    nock(PUBLIC).get(path).reply(200, bytes, headers);
    const file = await download(`${PUBLIC}${path}`);
    return `${file.contentType} ${file.filename}`;
  };

  it.each<[string, Buffer, string]>([
    ['a JPEG', JPEG, 'image/jpeg file.jpg'],
    ['a PNG', PNG, 'image/png file.png'],
    ['a GIF', GIF, 'image/gif file.gif'],
    ['a WebP', WEBP, 'image/webp file.webp'],
    ['a PDF', PDF, 'application/pdf file.pdf'],
    ['an MP4', MP4, 'video/mp4 file.mp4'],
  ])('%s is known by its bytes whatever generic type the server gives', async (_name, bytes, expected) => {
    for (const type of ['text/plain; charset=utf-8', 'application/octet-stream', 'binary/octet-stream', 'text/html']) {
      expect(await served(bytes, { 'Content-Type': type })).toBe(expected);
    }
    expect(await served(bytes, {})).toBe(expected);
  });

  it('a text file stays text, even when it starts like an image format name', async () => {
    for (const text of ['GIF is a format.', '%PDF of the report', 'RIFF and WEBP notes', 'plain notes']) {
      expect(await served(text, { 'Content-Type': 'text/plain' }, '/notes.txt')).toBe('text/plain notes.txt');
    }
    // Named like an image, served as text: still text, so WordPress is not told it is an image.
    expect(await served('not an image', { 'Content-Type': 'text/plain' }, '/photo.jpg')).toBe('text/plain photo.txt');
  });

  it('an untyped file without a known signature takes the type its name says', async () => {
    expect(await served('ID3 tag', { 'Content-Type': 'application/octet-stream' }, '/song.mp3')).toBe(
      'audio/mpeg song.mp3',
    );
    expect(await served('???', {}, '/blob')).toBe('application/octet-stream blob.bin');
  });

  it('a declared type is kept, and a web page is refused', async () => {
    expect(await served(PNG, { 'Content-Type': 'image/webp' })).toBe('image/webp file.webp');
    nock(PUBLIC).get('/page').reply(200, '<!doctype html><p>Hi', { 'Content-Type': 'text/html; charset=utf-8' });
    expect(await refusedMessage(`${PUBLIC}/page`)).toMatch(/the link leads to a web page, not to a file/);
  });
});
