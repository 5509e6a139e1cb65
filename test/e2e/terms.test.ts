// Find or Create Term against the real WordPress 6.1 of the bench (site "main", whose `book` type
// has a hierarchical `genre` taxonomy at wp/v2/genres): the Taxonomy and Parent dropdowns, find or
// create a genre as Zapier runs it (the search; the create only when it found nothing), twice, and
// two creates racing for one name. Everything made here carries a per-run stamp and is deleted.
import { createTerm } from '../../src/creates/create_term';
import { findTerm } from '../../src/searches/find_term';
import type { TermOutput } from '../../src/wordpress/term_item';
import { taxonomyList } from '../../src/triggers/dropdowns/taxonomy_list';
import { taxonomyTermList } from '../../src/triggers/dropdowns/taxonomy_term_list';
import { connect, perform, recordRequests, requireWordPress, rest, run } from './harness';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const made = new Map<number, string>();

type Written = TermOutput & { warnings: string[] };

beforeAll(async () => {
  await requireWordPress('main');
});

afterAll(async () => {
  const auth = await connect('main', 'administrator');
  // Children first: deleting a parent would move them up a level, not away.
  for (const [id, route] of [...made].reverse()) {
    await rest(auth, `wp/v2/${route}/${id}`, { method: 'DELETE', query: { force: 'true' } });
  }
});

/** Zapier's Find or Create Term: Find Term by the name; Create Term only when nothing was found. */
async function findOrCreate(input: Record<string, unknown>): Promise<{ term: TermOutput; created: boolean }> {
  const found = await run<TermOutput[]>(perform(findTerm), input, { user: 'editor' });
  if (found[0]) return { term: found[0], created: false };
  const term = await run<Written>(perform(createTerm), input, { user: 'editor' });
  made.set(term.id, String(input.taxonomy));
  return { term, created: true };
}

describe('Find or Create Term', () => {
  it('the Taxonomy dropdown lists Genres by its REST base, and no menus', async () => {
    const choices = await run<Array<{ id: string; name: string }>>(perform(taxonomyList), {}, { user: 'editor' });
    expect(choices).toEqual(expect.arrayContaining([{ id: 'genres', name: 'Genres', slug: 'genre' }]));
    expect(choices.map((choice) => choice.id)).toEqual(expect.arrayContaining(['categories', 'tags']));
    expect(choices.map((choice) => choice.id)).not.toContain('menus');
  });

  it('finds or creates a genre, under a parent; run again, the same genre, nothing more', async () => {
    const parentName = `Fiction ${RUN}`;
    const parent = await findOrCreate({ taxonomy: 'genres', name: parentName });
    expect(parent).toMatchObject({ created: true, term: { name: parentName, taxonomy: 'genre', parent: 0 } });

    const input = {
      taxonomy: 'genres',
      name: `Space & Opera ${RUN}`,
      parent: String(parent.term.id),
      description: 'Big ships.',
    };
    const first = await findOrCreate(input);
    expect(first).toMatchObject({
      created: true,
      term: { name: `Space & Opera ${RUN}`, parent: parent.term.id, description: 'Big ships.', taxonomy: 'genre' },
    });
    expect(first.term.link).toMatch(/^http:\/\/127\.0\.0\.1:8080\//);
    const second = await findOrCreate({ ...input, name: `space &amp; opera ${RUN}` });
    const { warnings, ...created } = first.term as Written;
    expect(warnings).toEqual([]);
    expect(second).toEqual({ term: created, created: false });

    const choices = await run<Array<{ id: number; name: string }>>(
      perform(taxonomyTermList),
      { taxonomy: 'genres' },
      {
        user: 'editor',
      },
    );
    expect(choices.find((choice) => choice.id === first.term.id)?.name).toBe(`${parentName} › Space & Opera ${RUN}`);
  });

  it('two creates racing for one name make one genre, which both outputs give', async () => {
    const name = `Race ${RUN}`;
    const both = await Promise.all([
      run<Written>(perform(createTerm), { taxonomy: 'genres', name }, { user: 'editor' }),
      run<Written>(perform(createTerm), { taxonomy: 'Genres', name }, { user: 'editor' }),
    ]);
    for (const term of both) made.set(term.id, 'genres');
    expect(both[0].id).toBe(both[1].id);
    // The later request gets term_exists, or, when both passed WordPress's name check at once, finds
    // the older twin after its create and removes its own copy: one genre either way, with a warning.
    const warned = both.filter((term) => term.warnings.length);
    expect(warned.length).toBeLessThanOrEqual(1);
    for (const term of warned) {
      expect(term.warnings).toEqual([expect.stringContaining(`(term ${both[0].id})`)]);
    }
    const found = await run<TermOutput[]>(perform(findTerm), { taxonomy: 'genres', name }, { user: 'editor' });
    expect(found.map((term) => term.id)).toEqual([both[0].id]);
  });

  it('a tag by slug; a parent on tags is refused before any request', async () => {
    await connect('main', 'editor');
    const { result: tag, requests: creating } = await recordRequests(() =>
      run<Written>(
        perform(createTerm),
        { taxonomy: 'tags', name: `Slugged ${RUN}`, slug: `slugged-${RUN}` },
        { user: 'editor' },
      ),
    );
    made.set(tag.id, 'tags');
    // Tags need no taxonomy lookup: the create, and the one look for a twin made at the same moment.
    expect(creating.map((r) => r.method)).toEqual(['POST', 'GET']);
    const { result: found, requests: finding } = await recordRequests(() =>
      run<TermOutput[]>(perform(findTerm), { taxonomy: 'tags', slug: `slugged-${RUN}` }, { user: 'editor' }),
    );
    expect(finding).toHaveLength(1);
    expect(found).toEqual([expect.objectContaining({ id: tag.id, name: `Slugged ${RUN}`, taxonomy: 'post_tag' })]);
    await expect(
      run(perform(findTerm), { taxonomy: 'tags', name: 'x', parent: 3 }, { user: 'editor' }),
    ).rejects.toThrow(/is not hierarchical/);
  });
});
