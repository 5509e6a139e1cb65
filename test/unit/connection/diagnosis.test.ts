// Why WordPress treated a connected request as anonymous: the token read without verifying it, the
// diagnosis's two questions (validate, then a login) and what each answer means, and a draft poll
// that gets the diagnosis instead of a guess.
import type { HttpResponse } from 'zapier-platform-core';
import {
  FRESH_TOKEN_SECONDS,
  Send,
  diagnoseAnonymous,
  issuedRecently,
  isAnonymousStatusRefusal,
  tokenClaims,
} from '../../../src/connection/diagnosis';
import { WordPressError } from '../../../src/connection/errors';
import type { WordPressCall } from '../../../src/connection/request';
import { forbiddenStatus, restError, triggerPerform } from '../fixtures';
import {
  PASSWORD,
  REST_ROOT,
  TOKEN,
  appTester,
  authData,
  bundle,
  caught,
  expectCleanMessage,
  issuedToken,
  userMessage,
  wp,
} from '../helpers';

const REFUSED = 'https://example.com/wp-json/wp/v2/posts';
const valid = { code: 'jwt_auth_valid_token', data: { status: 200 } };
const noHeader = restError('jwt_auth_no_auth_header', 'Authorization header not found.', 403);
const unknownUser = restError(
  '[jwt_auth] invalid_username',
  '<strong>Error:</strong> The username <strong>edith</strong> is not registered on this site.',
  403,
);

describe('tokenClaims and issuedRecently', () => {
  it('reads the claims of a JWT without verifying it', () => {
    expect(tokenClaims(issuedToken(0, '7'))).toMatchObject({ iss: 'https://example.com', data: { user: { id: '7' } } });
    expect(tokenClaims(TOKEN)).toEqual({ iss: 'https://example.com' });
    for (const notAToken of [undefined, '', 'abc', 'a.%%%.c', 'a.bnVsbA.c'])
      expect(tokenClaims(notAToken)).toBeUndefined();
  });

  it('without token_issued_at (a connection from before it): calls a token fresh by its iat', () => {
    const recent = (token: string | undefined) => issuedRecently({ token });
    expect(recent(issuedToken(5))).toBe(true);
    expect(recent(issuedToken(FRESH_TOKEN_SECONDS - 10))).toBe(true);
    expect(recent(issuedToken(FRESH_TOKEN_SECONDS + 10))).toBe(false);
    expect(recent(issuedToken(3_600))).toBe(false);
    // The site's clock ahead of ours: a token from "the future" was still just issued.
    expect(recent(issuedToken(-600))).toBe(true);
    expect(recent(TOKEN)).toBe(false);
    expect(recent(undefined)).toBe(false);
    expect(issuedRecently({ token: issuedToken(5), token_issued_at: '' })).toBe(true);
  });

  it('with token_issued_at: judges by Zapier’s clock, whatever the site’s clock wrote into iat', () => {
    const now = Date.now();
    const secondsAgo = (seconds: number) => String(Math.floor(now / 1000) - seconds);
    // The site's clock 10 minutes slow: iat looks old, yet Zapier received the token just now.
    expect(issuedRecently({ token: issuedToken(600), token_issued_at: secondsAgo(5) }, now)).toBe(true);
    // The site's clock fast: iat looks new, yet Zapier has held the token for an hour.
    expect(issuedRecently({ token: issuedToken(-600), token_issued_at: secondsAgo(3_600) }, now)).toBe(false);
    expect(issuedRecently({ token: issuedToken(5), token_issued_at: secondsAgo(FRESH_TOKEN_SECONDS + 10) }, now)).toBe(
      false,
    );
    expect(issuedRecently({ token: TOKEN, token_issued_at: secondsAgo(FRESH_TOKEN_SECONDS - 10) }, now)).toBe(true);
    // Not a number (tampered with): the token's own iat decides.
    expect(issuedRecently({ token: issuedToken(5), token_issued_at: 'soon' }, now)).toBe(true);
    expect(issuedRecently({ token: issuedToken(3_600), token_issued_at: 'soon' }, now)).toBe(false);
  });
});

describe('a 401 on a connected call, with a site clock that is wrong', () => {
  const poll = triggerPerform('new_post');
  const refused = () =>
    wp()
      .get('/wp-json/wp/v2/posts')
      .query(true)
      .reply(401, restError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401));
  const validate = () => wp().post('/wp-json/jwt-auth/v1/token/validate');
  const issuedAt = (secondsAgo: number) => String(Math.floor(Date.now() / 1000) - secondsAgo);

  it('a token received just now, with an iat 10 minutes old (site clock slow): diagnosed, not renewed', async () => {
    const token = issuedToken(600);
    refused();
    validate().matchHeader('authorization', `Bearer ${token}`).reply(403, noHeader);
    const auth = authData({ token, token_issued_at: issuedAt(2) });
    const err = await caught(() => appTester(poll, bundle({}, {}, auth)));
    expect(err.name).not.toBe('RefreshAuthError');
    expect(userMessage(err)).toMatch(/removing the Authorization header/);
  });

  it('a token received long ago, with a fresh-looking iat (site clock fast): left to Zapier’s renewal', async () => {
    refused();
    const diagnosis = validate().reply(403, noHeader);
    const auth = authData({ token: issuedToken(-600), token_issued_at: issuedAt(3_600) });
    const err = await caught(() => appTester(poll, bundle({}, {}, auth)));
    expect(err.name).toBe('RefreshAuthError');
    expect(diagnosis.isDone()).toBe(false);
  });
});

describe('isAnonymousStatusRefusal', () => {
  const asError = (body: ReturnType<typeof forbiddenStatus>) => new WordPressError('x', body.code, 400, body);
  it('is a status refused with 401 inside, not with 403 (a role that may not read it)', () => {
    expect(isAnonymousStatusRefusal(asError(forbiddenStatus(401)))).toBe(true);
    expect(isAnonymousStatusRefusal(asError(forbiddenStatus(403)))).toBe(false);
    expect(isAnonymousStatusRefusal(new Error('x'))).toBe(false);
  });
});

describe('diagnoseAnonymous', () => {
  /** WordPress's answers in order, as callWordPress returns them with skipThrowForStatus; the calls are kept. */
  function answers(...replies: Array<[number, unknown] | Error>): { send: Send; calls: WordPressCall[] } {
    const calls: WordPressCall[] = [];
    const send: Send = async (call) => {
      calls.push(call);
      const reply = replies.shift();
      if (!reply) throw new Error(`unexpected call to ${call.route}`);
      if (reply instanceof Error) throw reply;
      const [status, data] = reply;
      return { status, data, content: JSON.stringify(data) } as HttpResponse;
    };
    return { send, calls };
  }
  const connection = (token = issuedToken(3_600, '2')) => authData({ token });

  it('the Authorization header stripped: the .htaccess fix, after one request', async () => {
    const { send, calls } = answers([403, noHeader]);
    const err = await diagnoseAnonymous(send, connection(), REFUSED);
    expect((err as WordPressError | undefined)?.wpCode).toBe('authorization_header_stripped');
    expect(userMessage(err)).toContain('RewriteRule ^(.*) - [E=HTTP_AUTHORIZATION:%1]');
    expect(calls).toEqual([expect.objectContaining({ method: 'POST', route: 'jwt-auth/v1/token/validate' })]);
    // validate must carry the token: it is the one route that says whether the header arrived.
    expect(calls[0]?.anonymous).toBeFalsy();
  });

  it.each([
    ['[jwt_auth] invalid_username', unknownUser],
    ['[jwt_auth] invalid_email', restError('[jwt_auth] invalid_email', 'Unknown email address.', 403)],
  ])('a valid token whose login now fails with %s: the user no longer exists', async (_code, body) => {
    const { send, calls } = answers([200, valid], [403, body]);
    const err = await diagnoseAnonymous(send, connection(), REFUSED);
    const message = userMessage(err);
    expect(message).toMatch(/example\.com no longer has the WordPress user "edith".*deleted.*Reconnect/s);
    expectCleanMessage(message);
    expect(message).not.toMatch(/Authorization|htaccess/);
    // The login goes to the stored root, with the stored credentials and without the token.
    expect(calls[1]).toMatchObject({
      method: 'POST',
      route: `${REST_ROOT}jwt-auth/v1/token`,
      json: { username: 'edith', password: PASSWORD },
      anonymous: true,
    });
  });

  it('a user deleted and created again under the same name: the token names the old one', async () => {
    const { send } = answers([200, valid], [200, { token: issuedToken(0, '9') }]);
    const err = await diagnoseAnonymous(send, connection(issuedToken(3_600, '2')), REFUSED);
    expect(userMessage(err)).toMatch(/no longer has the WordPress user "edith"/);
  });

  it('the user exists and the token is good: the header is lost for this address only', async () => {
    const { send } = answers([200, valid], [200, { token: issuedToken(0, '2') }]);
    const err = await diagnoseAnonymous(send, connection(issuedToken(3_600, '2')), REFUSED);
    const message = userMessage(err);
    expect(message).toMatch(
      new RegExp(`answered ${REFUSED} as if nobody were logged in.*"edith" exists.*Authorization header`, 's'),
    );
    expectCleanMessage(message);
  });

  it.each([
    ['the site re-keyed', restError('jwt_auth_invalid_token', 'Signature verification failed', 401)],
    ['the home URL changed', restError('jwt_auth_bad_iss', 'The iss do not match with this server.', 401)],
    ['the password changed (Useful Team’s)', restError('jwt_auth_obsolete_token', 'Token is obsolete', 401)],
  ])('a token a renewal cures (%s): renewed silently, after one request', async (_name, body) => {
    const { send, calls } = answers([401, body]);
    const err = await diagnoseAnonymous(send, connection(issuedToken(30, '2')), REFUSED);
    expect(err?.name).toBe('RefreshAuthError');
    expect(err?.message).toMatch(/no longer accepts this connection's token/);
    expect(calls).toHaveLength(1);
  });

  it('the user the token names was deleted (Useful Team’s validate says so): the user is gone, no login needed', async () => {
    const { send, calls } = answers([401, restError('jwt_auth_user_not_found', "User doesn't exist", 401)]);
    const message = userMessage(await diagnoseAnonymous(send, connection(issuedToken(30, '2')), REFUSED));
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['jwt', /"JWT Authentication for WP REST API" plugin.*no longer active on example\.com/s],
    ['jwt_useful', /JWT Auth plugin \(Useful Team\).*no longer active on example\.com/s],
  ])(
    'the %s plugin deactivated (validate has no route): names the plugin and how to bring it back',
    async (scheme, said) => {
      const { send, calls } = answers([
        404,
        restError('rest_no_route', 'No route was found matching the URL and request method.', 404),
      ]);
      const message = userMessage(
        await diagnoseAnonymous(send, authData({ token: issuedToken(30, '2'), auth_scheme: scheme }), REFUSED),
      );
      expect(message).toMatch(said);
      expect(message).toMatch(/Activate the plugin again/);
      expect(message).not.toMatch(/htaccess|Authorization header/);
      expectCleanMessage(message);
      expect(calls).toHaveLength(1);
    },
  );

  it.each<[string, Array<[number, unknown] | Error>]>([
    ['validate is blocked in front of the plugin', [new Error('')]],
    ['validate answers a web page', [[200, '<html>Checking your browser</html>']]],
    [
      'the password changed since (the login names it)',
      [
        [200, valid],
        [403, restError('[jwt_auth] incorrect_password', 'x', 403)],
      ],
    ],
    ['the site stops answering', [[200, valid], new Error('ECONNRESET')]],
  ])('says nothing when the answers do not tell: %s', async (_name, replies) => {
    const { send } = answers(...replies);
    await expect(diagnoseAnonymous(send, connection(), REFUSED)).resolves.toBeUndefined();
  });
});

describe('a draft poll that WordPress answers as anonymous', () => {
  const newPost = triggerPerform('new_post');
  const draftPoll = () => wp().get('/wp-json/wp/v2/posts').query(true).reply(400, forbiddenStatus(401));

  it('names the stripped header', async () => {
    draftPoll();
    wp()
      .post('/wp-json/jwt-auth/v1/token/validate')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(403, noHeader);
    const message = userMessage(await caught(() => appTester(newPost, bundle({ status: 'draft' }))));
    expect(message).toMatch(/removing the Authorization header.*\.htaccess/s);
  });

  it('names the deleted user, whatever the age of the token (a 400 is never renewed)', async () => {
    draftPoll();
    wp().post('/wp-json/jwt-auth/v1/token/validate').reply(200, valid);
    wp()
      .post('/wp-json/jwt-auth/v1/token', { username: 'edith', password: PASSWORD })
      .matchHeader('authorization', (v) => v === undefined)
      .reply(403, unknownUser);
    const message = userMessage(await caught(() => appTester(newPost, bundle({ status: 'draft' }))));
    expect(message).toMatch(/no longer has the WordPress user "edith"/);
    expectCleanMessage(message);
  });

  it('keeps its own message when the diagnosis cannot tell', async () => {
    draftPoll();
    wp().post('/wp-json/jwt-auth/v1/token/validate').reply(502, 'Bad Gateway');
    const message = userMessage(await caught(() => appTester(newPost, bundle({ status: 'draft' }))));
    expect(message).toMatch(/anonymous.*draft posts/s);
  });

  it('a draft poll that works spends no request on a diagnosis', async () => {
    const poll = wp().get('/wp-json/wp/v2/posts').query(true).reply(200, []);
    await expect(appTester(newPost, bundle({ status: 'draft' }))).resolves.toEqual([]);
    expect(poll.isDone()).toBe(true);
  });
});
