// New Media through Zapier's runtime against the real WordPress 6.1 of the bench (site "main"): one
// request per poll, the caption as stored, File Type and Attached to Post, and the roles. Every file
// made here carries a per-run stamp and is looked up by its own ID: other tests upload to the same
// site at the same time, so the newest item is not assumed to be ours.
import { newMedia } from '../../src/triggers/new_media';
import type { MediaOutput } from '../../src/wordpress/media_item';
import { caught, connect, recordRequests, requireWordPress, rest, run, sites, userMessage } from './harness';
import type { UserName } from './harness';

jest.setTimeout(60_000);

const STAMP = `m${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
type Perform = Parameters<typeof run>[0];
const pollPerform = (newMedia.operation as { perform: Perform }).perform;
const bench = new URL(sites.main.url).host;

const poll = (
  input: Record<string, unknown> = {},
  user: UserName = 'administrator',
  meta: Record<string, unknown> = {},
) => run<MediaOutput[]>(pollPerform, input, { user, meta });

/** A 1×1 PNG and a minimal PDF: WordPress checks that a file's bytes match its extension. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const made: number[] = [];

/** A file uploaded straight through the REST API (not the app), as `user`, with its texts. */
async function upload(
  user: UserName,
  name: string,
  bytes: Buffer,
  type: string,
  texts: Record<string, string> = {},
): Promise<number> {
  const auth = await connect('main', user);
  const url = new URL(`${auth.rest_root}wp/v2/media`);
  for (const [key, value] of Object.entries(texts)) url.searchParams.set(key, value);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${auth.token}`,
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${name}"`,
    },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`upload → ${res.status}: ${await res.text()}`);
  const id = ((await res.json()) as { id: number }).id;
  made.push(id);
  return id;
}

let post: number;
let image: number;
let pdf: number;
let authorsImage: number;

beforeAll(async () => {
  await requireWordPress('main');
  const auth = await connect('main', 'administrator');
  const res = await rest<{ id: number }>(auth, 'wp/v2/posts', {
    method: 'POST',
    body: { title: `Media post ${STAMP}`, status: 'draft' },
  });
  if (res.status !== 201) throw new Error(`post → ${res.status}: ${JSON.stringify(res.data)}`);
  post = res.data.id;
  // Oldest first: the image, attached to the post, with a description but no caption; then a PDF.
  image = await upload('administrator', `${STAMP}-image.png`, PNG, 'image/png', {
    title: `Image ${STAMP}`,
    alt_text: 'A dot & a line',
    description: 'Only a description: WordPress renders an empty caption as an excerpt of it.',
    post: String(post),
  });
  pdf = await upload('administrator', `${STAMP}-report.pdf`, PDF, 'application/pdf', {
    title: `Report ${STAMP}`,
    caption: 'Q1 & Q2 < Q3, “final”',
  });
  authorsImage = await upload('author', `${STAMP}-author.png`, PNG, 'image/png', { title: `Author ${STAMP}` });
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  for (const id of made) await rest(auth, `wp/v2/media/${id}`, { method: 'DELETE', query: { force: 'true' } });
  if (post) await rest(auth, `wp/v2/posts/${post}`, { method: 'DELETE', query: { force: 'true' } });
});

const ours = (items: MediaOutput[]) => items.filter((m) => made.includes(m.id));

describe('New Media on the main site', () => {
  it('fires each new file once, newest first, with its URL, sizes, uploader, post and texts as stored', async () => {
    const result = await poll();
    const ids = result.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const mine = ours(result);
    expect(mine.map((m) => m.id)).toEqual([authorsImage, pdf, image]);
    const [, report, picture] = mine;
    expect(picture).toMatchObject({
      id: image,
      media_id: image,
      title: `Image ${STAMP}`,
      mime_type: 'image/png',
      media_type: 'image',
      alt_text: 'A dot & a line',
      // Stored empty: not the excerpt of the description that WordPress renders in its place.
      caption: '',
      description: 'Only a description: WordPress renders an empty caption as an excerpt of it.',
      width: 1,
      height: 1,
      post_id: post,
      // WordPress 6.1 does not link a file to its post (6.9 does, and then the title comes embedded).
      post_title: null,
      author_id: 1,
      author_name: 'Ada Admin',
    });
    const uploads = `${sites.main.url}/wp-content/uploads/`;
    expect(picture.url?.startsWith(uploads)).toBe(true);
    expect(picture.url?.slice(uploads.length)).toMatch(new RegExp(`^\\d{4}/\\d\\d/${STAMP}-image\\.png$`));
    expect(picture.sizes.full).toBe(picture.url);
    expect(picture.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/); // Europe/Berlin
    expect(picture.date_gmt).toMatch(/\+00:00$/);
    expect(report).toMatchObject({
      id: pdf,
      mime_type: 'application/pdf',
      media_type: 'file',
      caption: 'Q1 & Q2 < Q3, “final”',
      post_id: null,
      post_title: null,
      width: null,
    });
    expect(report.url).toMatch(/\.pdf$/);
  });

  it('a poll is exactly one HTTP request, the uploader embedded', async () => {
    await connect('main', 'administrator');
    // Turned on first, as Zapier does: a poll without a kept state may walk the IDs deleted files left.
    await run(pollPerform, {}, { user: 'administrator', meta: { isPopulatingDedupe: true }, freshCache: true });
    const { result, requests } = await recordRequests(() => poll());
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', host: bench });
    const path = decodeURIComponent(requests[0].path);
    expect(path).toMatch(/^\/wp-json\/wp\/v2\/media\?/);
    expect(path).toContain('_embed=author,wp:attached-to');
    expect(path).toContain('context=edit');
    expect(ours(result)).toHaveLength(3);
  });

  it('loading a sample returns just a few; meta.limit is respected', async () => {
    expect((await poll({}, 'administrator', { isLoadingSample: true })).length).toBeLessThanOrEqual(3);
    expect((await poll({}, 'administrator', { limit: 2 })).length).toBeLessThanOrEqual(2);
  });

  it('File Type: a kind or a MIME type gives only those files', async () => {
    const images = ours(await poll({ file_type: 'image' }));
    expect(images.map((m) => m.id)).toEqual([authorsImage, image]);
    const pdfs = ours(await poll({ file_type: 'application/pdf' }));
    expect(pdfs.map((m) => m.id)).toEqual([pdf]);
    // A MIME type the site does not allow: WordPress ignores the filter and answers with every file.
    expect(ours(await poll({ file_type: 'image/svg+xml' }))).toEqual([]);
  });

  it('Attached to Post gives only the files attached to it', async () => {
    const attached = await poll({ post: String(post) });
    expect(attached.map((m) => m.id)).toEqual([image]);
  });

  it('an Author sees the files they uploaded, with captions as stored', async () => {
    const mine = ours(await poll({}, 'author'));
    expect(mine.map((m) => m.id)).toEqual([authorsImage]);
    expect(mine[0]).toMatchObject({ author_name: 'Arthur Author', caption: '' });
  });

  it('a Subscriber is told the capability and the roles that have it', async () => {
    const message = userMessage(await caught(() => poll({}, 'subscriber')));
    expect(message).toBe(
      'The WordPress user this connection uses is not allowed to read new files in the media library with their captions and descriptions as written: WordPress requires the "upload_files" capability (roles: Author, Editor or Administrator). Reconnect with a user that has it, or ask a site administrator to change the role.',
    );
  });
});
