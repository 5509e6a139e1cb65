// The companion plugin's REST hooks on the bench site `companion`, through plain HTTP: subscribe,
// a signed delivery, unsubscribe, a 410, what a hook's owner may read, who may subscribe and to where.
// A loopback receiver stands in for Zapier's hook URL.
import { HookReceiver } from './hook_receiver';
import { call, createPost, deleteHooksAfterAll, pokeSite, runName, sleep, subscribe, verify } from './companion_site';

jest.setTimeout(120_000);

const RUN = runName('companion-hooks');
const newPost = (title: string, extra: Record<string, unknown> = {}) => createPost(`${RUN} ${title}`, extra);
const hooksToDelete = deleteHooksAfterAll();

describe('companion plugin: REST hooks', () => {
  const receiver = new HookReceiver(pokeSite);
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  test('subscribe, publish: a signed delivery within 5 s; unsubscribe: no more', async () => {
    const hook = await subscribe('administrator', 'post.published', receiver.url(), { post_type: 'post' });
    expect(hook.status).toBe(201);
    expect(hook.body.event).toBe('post.published');
    expect(hook.body.secret).toMatch(/^[0-9a-f]{64}$/);
    hooksToDelete.push(hook.body.id);
    const listed = await call<Array<{ id: number; target_url: string }>>('administrator', 'GET', '/wpjz/v1/hooks');
    expect(listed.body.find((h) => h.id === hook.body.id)).toMatchObject({ target_url: receiver.url() });
    expect(JSON.stringify(listed.body)).not.toContain(hook.body.secret);

    const id = await newPost('instant');
    const published = Date.now(); // WordPress has answered the save.
    expect(await receiver.until(() => receiver.forPost(id).length > 0, 5000)).toBe(true);
    const [d] = receiver.forPost(id);
    console.info(`companion: delivery ${d.at - published} ms after the publish request returned`);
    expect(d.at - published).toBeLessThan(5000);
    expect(d.json).toMatchObject({
      id: `${hook.body.id}-${d.json.seq}`,
      hook_id: hook.body.id,
      event: 'post.published',
      object_type: 'post',
      object_id: id,
      subtype: 'post',
    });
    expect(d.headers['content-type']).toBe('application/json');
    expect(d.headers['user-agent']).toBe('wpjz-companion/1.0.0');
    expect(verify(hook.body.secret, d)).toBe(true);
    // What a receiver refuses: another body, another secret, a replay after 5 minutes.
    expect(verify(hook.body.secret, { ...d, body: d.body.replace(String(id), String(id + 1)) })).toBe(false);
    expect(verify('0'.repeat(64), d)).toBe(false);
    expect(verify(hook.body.secret, d, Math.floor(Date.now() / 1000) + 301)).toBe(false);

    // A page is no post.published to a hook filtered on posts.
    const page = await call<{ id: number }>('administrator', 'POST', '/wp/v2/pages', {
      title: `${RUN} page`,
      status: 'publish',
    });
    const deleted = await call<{ deleted: boolean; id: number }>(
      'administrator',
      'DELETE',
      `/wpjz/v1/hooks/${hook.body.id}`,
    );
    expect(deleted.body).toEqual({ deleted: true, id: hook.body.id });
    const again = await call<{ code: string }>('administrator', 'DELETE', `/wpjz/v1/hooks/${hook.body.id}`);
    expect([again.status, again.body.code]).toEqual([404, 'wpjz_hook_not_found']);
    const after = await newPost('after unsubscribe');
    await sleep(3000);
    expect(receiver.forPost(after)).toEqual([]);
    expect(receiver.deliveries.filter((x) => x.json.object_id === page.body.id)).toEqual([]);
    expect(receiver.forPost(id)).toHaveLength(1);
  });

  test('a 410 from the target removes the subscription', async () => {
    const gone = new HookReceiver(pokeSite);
    gone.status = 410;
    await gone.start();
    const hook = await subscribe('administrator', 'post.published', gone.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    const id = await newPost('to a gone target');
    expect(await gone.until(() => gone.forPost(id).length > 0, 5000)).toBe(true);
    await sleep(500);
    const listed = await call<Array<{ id: number }>>('administrator', 'GET', '/wpjz/v1/hooks');
    expect(listed.body.map((h) => h.id)).not.toContain(hook.body.id);
    await gone.stop();
  });

  test("a hook delivers only what its owner may read: a subscriber's hook gets approved comments, not held ones", async () => {
    const own = new HookReceiver(pokeSite);
    await own.start();
    const hook = await subscribe('subscriber', 'comment.created', own.url());
    expect(hook.status).toBe(201);
    hooksToDelete.push(hook.body.id);
    const post = await newPost('comments for a subscriber hook');
    const comment = async (status: string) =>
      (
        await call<{ id: number }>('administrator', 'POST', '/wp/v2/comments', {
          post,
          content: `${RUN} ${status}`,
          status,
        })
      ).body.id;
    const held = await comment('hold');
    const approved = await comment('approved');
    const got = (id: number) =>
      own.deliveries.filter((d) => d.json.object_type === 'comment' && d.json.object_id === id);
    expect(await own.until(() => got(approved).length > 0, 10000)).toBe(true);
    await own.until(() => false, 2000);
    expect(got(held)).toEqual([]);
    expect(got(approved)).toHaveLength(1);
    await own.stop();
  });

  test('who may subscribe, and to where', async () => {
    const users = await subscribe('subscriber', 'user.created', receiver.url());
    expect([users.status, users.body.code]).toEqual([403, 'wpjz_cannot_subscribe']);
    const drafts = await subscribe('subscriber', 'post.updated', receiver.url(), { status: 'draft' });
    expect([drafts.status, drafts.body.code]).toEqual([403, 'wpjz_cannot_subscribe']);
    const posts = await subscribe('subscriber', 'post.published', receiver.url());
    expect(posts.status).toBe(201);
    hooksToDelete.push(posts.body.id);
    // Only the owner or an administrator may delete a hook.
    const editor = await call<{ code: string }>('editor', 'DELETE', `/wpjz/v1/hooks/${posts.body.id}`);
    expect(editor.status).toBe(404);
    // Private, metadata and non-https targets are refused before anything is sent (IP literals: no DNS either).
    for (const target of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      // Plain http to a public address (a documentation range: an IP literal, so no DNS query either).
      'http://198.51.100.7/hooks/standard/1/x/',
      'https://user:pw@127.0.0.1/hook',
      'not a url',
    ]) {
      const res = await subscribe('administrator', 'post.published', target);
      expect([target, res.status, res.body.code]).toEqual([target, 400, 'wpjz_bad_target']);
    }
    const badEvent = await subscribe('administrator', 'post.exploded', receiver.url());
    expect([badEvent.status, badEvent.body.code]).toEqual([400, 'wpjz_bad_event']);
    const badFilter = await subscribe('administrator', 'user.created', receiver.url(), { post_type: 'post' });
    expect([badFilter.status, badFilter.body.code]).toEqual([400, 'wpjz_bad_filters']);
  });
});
