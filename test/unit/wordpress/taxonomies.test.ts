// The site's taxonomies: categories and tags known without a request, others by REST base, slug or
// name from one cached listing, internal ones (menus) left out, and each taxonomy's own route.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { taxonomyInfo, termsRoute } from '../../../src/wordpress/taxonomies';
import { WP_TAXONOMIES } from '../fixtures';
import { appTester, bundle, caught, userMessage, wp } from '../helpers';

const lookUp = (value: string) =>
  appTester((z: ZObject, b: Bundle) => taxonomyInfo(z, b, value), bundle()) as ReturnType<typeof taxonomyInfo>;

describe('taxonomyInfo', () => {
  it.each(['categories', 'category', 'tags', 'post_tag'])('%s: known without a request', async (value) => {
    const info = await lookUp(value);
    expect(termsRoute(info)).toMatch(/^wp\/v2\/(categories|tags)$/);
    expect(info.hierarchical).toBe(info.rest_base === 'categories');
  });

  it('a custom taxonomy by REST base, slug or name, from one listing; its own namespace', async () => {
    const listing = wp().get('/wp-json/wp/v2/taxonomies').once().reply(200, WP_TAXONOMIES);
    const info = await lookUp('venues');
    expect(info).toEqual({
      slug: 'venue',
      name: 'Venues & Halls',
      rest_base: 'venues',
      rest_namespace: 'events/v1',
      hierarchical: false,
    });
    expect(termsRoute(info)).toBe('events/v1/venues');
    expect(await lookUp('genre')).toMatchObject({ rest_base: 'genres', hierarchical: true });
    expect(await lookUp('  genres ')).toMatchObject({ slug: 'genre' });
    expect(listing.isDone()).toBe(true);
  });

  it('menus are not a taxonomy a Zap files content under', async () => {
    wp().get('/wp-json/wp/v2/taxonomies').twice().reply(200, WP_TAXONOMIES);
    expect(userMessage(await caught(() => lookUp('menus')))).toMatch(/^Taxonomy: the site has no taxonomy "menus"/);
  });
});
