// Load: many concurrent polls and creates against the local WordPress (loopback only, bounded in
// count, stops by itself). No app-side errors; every created post exists exactly once.
import app from '../../index';
import { connect, requireWordPress, rest, run } from './harness';

jest.setTimeout(180_000);

const CREATES = 40;
const POLLS = 40;
const CONCURRENCY = 8;

function perform(kind: 'triggers' | 'creates', key: string) {
  const op = app[kind]?.[key]?.operation as { perform: unknown } | undefined;
  if (!op) throw new Error(`no ${kind} ${key}`);
  return op.perform as never;
}

/** Runs `tasks` with at most `limit` in flight; every outcome is kept. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await tasks[i]() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

beforeAll(() => requireWordPress('main'));

it(`${CREATES} creates and ${POLLS} polls, ${CONCURRENCY} at a time: no errors, each post exactly once`, async () => {
  const stamp = `load-${Date.now().toString(36)}`;
  const auth = await connect('main', 'editor');
  const tasks: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < Math.max(CREATES, POLLS); i++) {
    if (i < CREATES) {
      tasks.push(() =>
        run(
          perform('creates', 'create_post'),
          { title: `${stamp} #${i}`, content: `<p>load ${i}</p>`, status: 'publish' },
          { authData: auth },
        ),
      );
    }
    if (i < POLLS)
      tasks.push(() => run(perform('triggers', i % 2 ? 'new_post' : 'new_or_updated_post'), {}, { authData: auth }));
  }
  const started = Date.now();
  const results = await pool(tasks, CONCURRENCY);
  const seconds = (Date.now() - started) / 1000;
  const failures = results
    .filter((r) => r.status === 'rejected')
    .map((r) => String((r as PromiseRejectedResult).reason));
  expect(failures).toEqual([]);

  // Exactly once each, as WordPress sees it.
  const found = await rest<Array<{ id: number; title: { rendered: string } }>>(auth, 'wp/v2/posts', {
    query: { search: stamp, per_page: '100', _fields: 'id,title' },
  });
  const titles = found.data.map((p) => p.title.rendered).sort();
  const expected = Array.from({ length: CREATES }, (_, i) => `${stamp} #${i}`).sort();
  expect(titles).toEqual(expected);
  console.log(
    `load: ${tasks.length} operations in ${seconds.toFixed(1)} s (${(tasks.length / seconds).toFixed(1)}/s), ${CONCURRENCY} concurrent`,
  );
});
