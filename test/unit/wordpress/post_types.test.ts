// postTypeInfo: the fewest requests to turn a type slug into its REST route and taxonomies.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { WordPressError } from '../../../src/connection/errors';
import { collectionRoute, postTypeInfo, postTypeProperties } from '../../../src/wordpress/post_types';
import { typeWithTaxonomies } from '../../../src/wordpress/terms';
import { caught, userMessage } from '../../messages';
import { typeSchema } from '../fixtures';

/** The route a request went to, under a pretty (`/wp-json/`) or plain (`?rest_route=`) REST root. */
function routeOf(url: string): string {
  const parsed = new URL(url);
  return parsed.searchParams.get('rest_route')?.replace(/^\//, '') ?? parsed.pathname.replace(/^\/wp-json\//, '');
}

/** A z with a scripted request and a cache that works, or is missing like in `zapier invoke`. */
function fakeZ(answers: Record<string, unknown>, cache: 'working' | 'missing' = 'working') {
  const requests: string[] = [];
  const urls: string[] = [];
  const store = new Map<string, unknown>();
  const z = {
    request: async (options: { url: string }) => {
      const route = routeOf(options.url);
      requests.push(route);
      urls.push(options.url);
      const data = answers[route];
      if (data === undefined) throw new WordPressError('no such type', 'rest_type_invalid', 404);
      return { data, status: 200 };
    },
    cache: {
      get: async (key: string) => {
        if (cache === 'missing') throw new Error('rpc is not available');
        return store.get(key) ?? null;
      },
      set: async (key: string, value: unknown) => {
        if (cache === 'missing') throw new Error('rpc is not available');
        store.set(key, value);
        return true;
      },
      delete: async (key: string) => store.delete(key),
    },
  };
  return { z: z as unknown as ZObject, requests, urls };
}

const siteA = { authData: { rest_root: 'https://a.example/wp-json/' } } as unknown as Bundle;
const siteB = { authData: { rest_root: 'https://b.example/index.php?rest_route=/' } } as unknown as Bundle;
const book = { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] };

const restBase = async (z: ZObject, bundle: Bundle, slug: string) => (await postTypeInfo(z, bundle, slug)).rest_base;

describe('postTypeInfo', () => {
  it('knows post and page without a request', async () => {
    const { z, requests } = fakeZ({});
    await expect(restBase(z, siteA, 'post')).resolves.toBe('posts');
    await expect(restBase(z, siteA, ' Page ')).resolves.toBe('pages');
    await expect(restBase(z, siteA, '')).resolves.toBe('posts');
    expect(requests).toEqual([]);
  });

  it('asks once for a custom type, then answers from the cache, per site', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book });
    await expect(restBase(z, siteA, 'book')).resolves.toBe('books');
    await expect(restBase(z, siteA, 'book')).resolves.toBe('books');
    expect(requests).toEqual(['wp/v2/types/book']);
    await restBase(z, siteB, 'book'); // another site: its own answer
    expect(requests).toEqual(['wp/v2/types/book', 'wp/v2/types/book']);
  });

  it("still works where Zapier's cache is unavailable (one lookup per call)", async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book }, 'missing');
    await expect(restBase(z, siteA, 'book')).resolves.toBe('books');
    await expect(restBase(z, siteA, 'book')).resolves.toBe('books');
    expect(requests).toHaveLength(2);
  });

  it("asks about a page's taxonomies only when a filter needs them", async () => {
    const { z, requests } = fakeZ({
      'wp/v2/types/page': { slug: 'page', rest_base: 'pages', rest_namespace: 'wp/v2', taxonomies: ['category'] },
    });
    expect((await postTypeInfo(z, siteA, 'page')).taxonomies).toBeUndefined();
    expect((await postTypeInfo(z, siteA, 'page', { needTaxonomies: true })).taxonomies).toEqual(['category']);
    expect((await postTypeInfo(z, siteA, 'post', { needTaxonomies: true })).taxonomies).toEqual([
      'category',
      'post_tag',
    ]);
    expect(requests).toEqual(['wp/v2/types/page']);
  });

  it('names an unknown type', async () => {
    const { z } = fakeZ({});
    await expect(postTypeInfo(z, siteA, 'recipe')).rejects.toThrow(/no post type \\"recipe\\"/);
  });

  it('builds the collection route from namespace and base', () => {
    expect(collectionRoute({ slug: 'product', rest_base: 'products', rest_namespace: '/shop/v1/' })).toBe(
      'shop/v1/products',
    );
  });
});

describe('postTypeProperties: which fields a type has, before a write', () => {
  const BOOK = { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] };

  it('knows posts and pages without a request: no format or sticky on pages', async () => {
    const { z, requests } = fakeZ({});
    const post = await postTypeProperties(z, siteA, { ...BOOK, slug: 'post', rest_base: 'posts' });
    const page = await postTypeProperties(z, siteA, { ...BOOK, slug: 'page', rest_base: 'pages' });
    expect(post.properties).toEqual(expect.arrayContaining(['format', 'sticky', 'excerpt', 'featured_media']));
    expect(page.properties).toEqual(expect.arrayContaining(['excerpt', 'featured_media', 'comment_status']));
    expect(page.properties).not.toContain('format');
    expect(page.properties).not.toContain('sticky');
    expect(requests).toEqual([]);
  });

  it("asks the type's route for its schema once (as a GET: hosts may answer OPTIONS themselves), then the cache", async () => {
    const { z, requests, urls } = fakeZ({ 'wp/v2/books': typeSchema(['id', 'title', 'excerpt']) });
    expect(await postTypeProperties(z, siteA, BOOK)).toEqual({ properties: ['title', 'excerpt'], fromCache: false });
    expect(await postTypeProperties(z, siteA, BOOK)).toEqual({ properties: ['title', 'excerpt'], fromCache: true });
    expect(requests).toEqual(['wp/v2/books']);
    const query = new URL(urls[0]!).searchParams;
    expect(query.get('_method')).toBe('OPTIONS');
    expect(query.get('_fields')).toMatch(/^schema\.properties\.id\.type,schema\.properties\.title\.type,/);
    await postTypeProperties(z, siteA, BOOK, { fresh: true });
    await postTypeProperties(z, siteB, BOOK);
    expect(requests).toHaveLength(3);
  });

  it('is unknown (and nothing is refused) when WordPress does not say or refuses the question', async () => {
    const old = fakeZ({ 'wp/v2/books': {} });
    expect((await postTypeProperties(old.z, siteA, BOOK)).properties).toBeUndefined();
    expect((await postTypeProperties(old.z, siteA, BOOK)).properties).toBeUndefined();
    expect(old.requests).toHaveLength(1);
    const refused = fakeZ({});
    refused.z.request = (async () => {
      throw new WordPressError('Forbidden', 'forbidden', 403);
    }) as never;
    expect((await postTypeProperties(refused.z, siteA, BOOK)).properties).toBeUndefined();
  });
});

describe('a cached type that would refuse categories or tags', () => {
  it('is asked about again before anything is refused, and the fresh answer is cached', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book });
    await postTypeInfo(z, siteA, 'book');
    // A plugin then gives books categories.
    const answers = { 'wp/v2/types/book': { ...book, taxonomies: ['genre', 'category'] } };
    const later = fakeZ(answers);
    (z as unknown as { request: unknown }).request = later.z.request;
    const type = await typeWithTaxonomies(z, siteA, 'book', ['categories']);
    expect(type.taxonomies).toEqual(['genre', 'category']);
    expect(requests).toEqual(['wp/v2/types/book']);
    expect(later.requests).toEqual(['wp/v2/types/book']);
    // Now cached as it is: no further request.
    await typeWithTaxonomies(z, siteA, 'book', ['categories']);
    expect(later.requests).toHaveLength(1);
  });

  it('refuses when WordPress, asked again, still has no such taxonomy', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book });
    await postTypeInfo(z, siteA, 'book');
    const err = await caught(() => typeWithTaxonomies(z, siteA, 'book', ['categories']));
    expect(userMessage(err)).toMatch(/"book" has no categories/);
    expect(requests).toEqual(['wp/v2/types/book', 'wp/v2/types/book']);
  });

  it('trusts a cached answer that has what is wanted: no request', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': { ...book, taxonomies: ['category'] } });
    await postTypeInfo(z, siteA, 'book');
    await typeWithTaxonomies(z, siteA, 'book', ['categories']);
    expect(requests).toEqual(['wp/v2/types/book']);
  });
});
