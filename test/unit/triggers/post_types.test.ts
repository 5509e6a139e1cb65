// restBaseFor / postTypeInfo: the fewest requests to turn a type slug into its REST route.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { collectionRoute, postTypeInfo, restBaseFor } from '../../../src/post_types';
import { WordPressError } from '../../../src/wordpress';

/** A z with a scripted request and a cache that works, or is missing like in `zapier invoke`. */
function fakeZ(answers: Record<string, unknown>, cache: 'working' | 'missing' = 'working') {
  const requests: string[] = [];
  const store = new Map<string, unknown>();
  const z = {
    request: async (options: { url: string }) => {
      requests.push(options.url);
      const data = answers[options.url];
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
  return { z: z as unknown as ZObject, requests };
}

const siteA = { authData: { rest_root: 'https://a.example/wp-json/' } } as unknown as Bundle;
const siteB = { authData: { rest_root: 'https://b.example/index.php?rest_route=/' } } as unknown as Bundle;
const book = { slug: 'book', rest_base: 'books', rest_namespace: 'wp/v2', taxonomies: ['genre'] };

describe('restBaseFor', () => {
  it('knows post and page without a request', async () => {
    const { z, requests } = fakeZ({});
    await expect(restBaseFor(z, 'post')).resolves.toBe('posts');
    await expect(restBaseFor(z, ' Page ')).resolves.toBe('pages');
    await expect(restBaseFor(z, '')).resolves.toBe('posts');
    expect(requests).toEqual([]);
  });

  it('asks once for a custom type, then answers from the cache, per site', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book });
    await expect(restBaseFor(z, 'book', siteA)).resolves.toBe('books');
    await expect(restBaseFor(z, 'book', siteA)).resolves.toBe('books');
    expect(requests).toEqual(['wp/v2/types/book']);
    await restBaseFor(z, 'book', siteB); // another site: its own answer
    expect(requests).toHaveLength(2);
  });

  it('caches nothing when it cannot tell which site it is (no bundle)', async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book });
    await restBaseFor(z, 'book');
    await restBaseFor(z, 'book');
    expect(requests).toHaveLength(2);
  });

  it("still works where Zapier's cache is unavailable (one lookup per call)", async () => {
    const { z, requests } = fakeZ({ 'wp/v2/types/book': book }, 'missing');
    await expect(restBaseFor(z, 'book', siteA)).resolves.toBe('books');
    await expect(restBaseFor(z, 'book', siteA)).resolves.toBe('books');
    expect(requests).toHaveLength(2);
  });

  it("asks about a page's taxonomies only when a filter needs them", async () => {
    const { z, requests } = fakeZ({
      'wp/v2/types/page': { slug: 'page', rest_base: 'pages', rest_namespace: 'wp/v2', taxonomies: ['category'] },
    });
    expect((await postTypeInfo(z, 'page')).taxonomies).toBeUndefined();
    expect((await postTypeInfo(z, 'page', undefined, { needTaxonomies: true })).taxonomies).toEqual(['category']);
    expect((await postTypeInfo(z, 'post', undefined, { needTaxonomies: true })).taxonomies).toEqual([
      'category',
      'post_tag',
    ]);
    expect(requests).toEqual(['wp/v2/types/page']);
  });

  it('names an unknown type', async () => {
    const { z } = fakeZ({});
    await expect(restBaseFor(z, 'recipe')).rejects.toThrow(/no post type \\"recipe\\"/);
  });

  it('builds the collection route from namespace and base', () => {
    expect(collectionRoute({ slug: 'product', rest_base: 'products', rest_namespace: '/shop/v1/' })).toBe(
      'shop/v1/products',
    );
  });
});
