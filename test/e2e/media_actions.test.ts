// Upload Media, and Create Post, Find Post and Update Post on a plain-permalink site in a sub-folder,
// through Zapier's runtime against the real WordPress, with files from a local HTTP server.
import { createPost } from '../../src/creates/create_post';
import { updatePost } from '../../src/creates/update_post';
import { uploadMediaCreate } from '../../src/creates/upload_media';
import type { PostOutput } from '../../src/wordpress/post';
import { findPost } from '../../src/searches/find_post';
import { caught, perform, requireWordPress, run, userMessage } from './harness';
import { RUN, files, serveFiles } from './action_files';

serveFiles();

jest.setTimeout(60_000);

describe('Upload Media', () => {
  it('uploads a file with its texts, a non-ASCII file name and attachment to a post', async () => {
    const post = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} for media`, status: 'draft' },
      { user: 'author' },
    );
    const media = await run<Record<string, unknown>>(
      perform(uploadMediaCreate),
      {
        file: `${files}/${encodeURIComponent('Ünïcödé photo 🚀.png')}`,
        title: `Médïa ${RUN} 🚀`,
        alt_text: 'Alt & text',
        caption: 'A <b>caption</b>',
        description: 'Long description',
        post_id: String(post.id),
      },
      { user: 'author' },
    );
    expect(media).toMatchObject({
      title: `Médïa ${RUN} 🚀`,
      alt_text: 'Alt & text',
      caption: 'A caption',
      description: 'Long description',
      mime_type: 'image/png',
      media_type: 'image',
      width: 400,
      height: 300,
      post_id: post.id,
    });
    expect(media.source_url).toMatch(/\/Unicode-photo(-\d+)?\.png$/);
    expect((media.sizes as Record<string, string>).thumbnail).toMatch(/-150x150\.png$/);
  });

  it('a contributor may not upload; a disallowed file type is named', async () => {
    let err = await caught(() =>
      run(perform(uploadMediaCreate), { file: `${files}/photo.png` }, { user: 'contributor' }),
    );
    expect(userMessage(err)).toMatch(/not allowed to upload files to the media library.*upload_files/);
    err = await caught(() => run(perform(uploadMediaCreate), { file: 'not a url' }, { user: 'author' }));
    expect(userMessage(err)).toMatch(/^File: "not a url" is not a URL/);
    // text/plain is allowed by WordPress by default: the file name keeps its extension.
    const txt = await run<Record<string, unknown>>(
      perform(uploadMediaCreate),
      { file: `${files}/notes.txt` },
      { user: 'author' },
    );
    expect(txt.mime_type).toBe('text/plain');
    err = await caught(() => run(perform(uploadMediaCreate), { file: `${files}/tool.exe` }, { user: 'author' }));
    expect(userMessage(err)).toBe(
      `WordPress refused the file tool.exe (application/x-msdownload) from ${files}/tool.exe: this file type is not allowed on the site, or the uploads folder is not writable. WordPress said: "Sorry, you are not allowed to upload this file type". Upload an allowed type (JPEG, PNG, GIF, WebP, PDF, …).`,
    );
  });
});

describe('a plain-permalink site in a sub-folder (?rest_route=)', () => {
  beforeAll(async () => {
    await requireWordPress('plain');
  });

  it('creates a post with a new category by name and an image, finds it and updates it', async () => {
    const name = `Plain Cat ${RUN}`;
    const post = await run<PostOutput>(
      perform(createPost),
      { title: `E2E ${RUN} plain`, status: 'publish', categories: [name], featured_image: `${files}/photo.png` },
      { site: 'plain', user: 'editor' },
    );
    expect(post.category_names).toEqual([name]);
    expect(post.featured_image_url).toMatch(/^http:\/\/127\.0\.0\.1:8082\/blog\/wp-content\/uploads\//);
    const found = await run<PostOutput[]>(perform(findPost), { slug: post.slug }, { site: 'plain', user: 'editor' });
    expect(found.map((p) => p.id)).toEqual([post.id]);
    const updated = await run<PostOutput>(
      perform(updatePost),
      { post_id: post.id, title: `E2E ${RUN} plain (updated)` },
      { site: 'plain', user: 'editor' },
    );
    expect(updated).toMatchObject({ title: `E2E ${RUN} plain (updated)`, category_names: [name] });
  });
});
