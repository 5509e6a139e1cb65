// WordPress's refusals in words a Zapier user can act on: the sentence for each code, and
// `rest_invalid_param` naming each field.
import { explainWordPressError, invalidParamsMessage } from '../../../src/connection/errors';
import { answerMessages, forbiddenStatus, roleNotAllowed, whichRoles } from '../../../src/connection/messages';
import { createPerform, restError, searchPerform } from '../fixtures';
import { appTester, bundle, failsWith, wp } from '../helpers';

describe('explainWordPressError', () => {
  it('gives the fix for each connection failure', () => {
    expect(
      explainWordPressError(
        {
          code: 'jwt_auth_bad_config',
          message: 'JWT is not configured properly, please contact the admin',
          data: { status: 403 },
        },
        403,
      ),
    ).toMatch(/JWT_AUTH_SECRET_KEY.*wp-config\.php/);
    expect(
      explainWordPressError(
        {
          code: '[jwt_auth] incorrect_password',
          message: '<strong>Error:</strong> The password…',
          data: { status: 403 },
        },
        403,
      ),
    ).toMatch(/password is not correct/);
    expect(
      explainWordPressError({ code: '[jwt_auth] invalid_username', message: 'x', data: { status: 403 } }, 403),
    ).toMatch(/does not know that username/);
    expect(
      explainWordPressError({ code: '[jwt_auth] empty_username', message: 'x', data: { status: 403 } }, 403),
    ).toMatch(/Username field is empty/);
    expect(
      explainWordPressError(
        { code: 'jwt_auth_no_auth_header', message: 'Authorization header not found.', data: { status: 403 } },
        403,
      ),
    ).toMatch(/RewriteRule/);
  });
  it('names the invalid parameters', () => {
    const msg = explainWordPressError(
      {
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): status',
        data: { status: 400, params: { status: 'Status is forbidden.' } },
      },
      400,
    );
    expect(msg).toBe('WordPress rejected the input. status: Status is forbidden. Correct this field and try again.');
  });
  it('treats a 500 duplicate user as the user’s mistake', () => {
    expect(
      explainWordPressError(
        { code: 'existing_user_email', message: 'Sorry, that email address is already used!', data: null },
        500,
      ),
    ).toMatch(/already exists/);
  });
  it('falls back to the status and WordPress’s own words, cleaned', () => {
    const msg = explainWordPressError(
      { code: 'some_plugin_error', message: '<b>Nope</b> &amp; no', data: { status: 418 } },
      418,
    );
    expect(msg).toBe('WordPress refused the request with HTTP 418 (some_plugin_error). WordPress said: "Nope & no".');
  });
});

describe('invalidParamsMessage', () => {
  const body = {
    code: 'rest_invalid_param',
    message: 'Invalid parameter(s): featured_media, date',
    data: {
      status: 400,
      params: { featured_media: 'Invalid featured media ID.', date: 'Invalid date.' },
      details: { date: { code: 'rest_invalid_date', message: 'Invalid <b>date</b>.', data: null } },
    },
  };

  it('names each field by its label when one is known, in the same sentence as without', () => {
    expect(invalidParamsMessage(body, { featured_media: 'Featured Image' })).toBe(
      'WordPress rejected the input. Featured Image (featured_media): Invalid featured media ID; date: Invalid date. Correct these fields and try again.',
    );
    expect(invalidParamsMessage(body)).toBe(
      'WordPress rejected the input. featured_media: Invalid featured media ID; date: Invalid date. Correct these fields and try again.',
    );
  });

  it('says which required arguments are missing (rest_missing_callback_param)', () => {
    expect(
      invalidParamsMessage(
        { code: 'rest_missing_callback_param', message: 'Missing parameter(s): file', data: { params: ['file'] } },
        { file: 'File' },
      ),
    ).toBe('WordPress rejected the input. File (file) is missing. Correct this field and try again.');
  });
});

describe('rest_user_invalid_role: an unknown role, or a permission', () => {
  it('400 "The role X does not exist" is an unknown role', () => {
    const msg = explainWordPressError(
      { code: 'rest_user_invalid_role', message: 'The role no_such_role does not exist.', data: { status: 400 } },
      400,
    );
    expect(msg).toBe(
      'WordPress does not know that role. Pick a role from the dropdown. WordPress said: "The role no_such_role does not exist".',
    );
  });

  it.each([401, 403])('%i "not allowed to give users that role" is a permission, not an unknown role', (status) => {
    const msg = explainWordPressError(
      {
        code: 'rest_user_invalid_role',
        message: 'Sorry, you are not allowed to give users that role.',
        data: { status },
      },
      status,
    );
    expect(msg).toMatch(/^The WordPress user this connection uses is not allowed to give that role\./);
    expect(msg).toMatch(/cannot demote themselves/);
    expect(msg).toMatch(/connect as another Administrator/);
    expect(msg).not.toMatch(/does not know|does not exist/);
  });

  it('names the roles asked for, one or several', () => {
    expect(whichRoles(['editor'])).toBe('the role "editor"');
    expect(whichRoles(['editor', 'author'])).toBe('one of the roles "editor", "author"');
    expect(roleNotAllowed(['editor'], '')).toMatch(
      /^The WordPress user this connection uses is not allowed to give the role "editor"\. WordPress never/,
    );
  });
});

describe('a failure Zapier does not retry says what is true', () => {
  const body = { code: 'internal_server_error', message: 'There has been a critical error.', data: { status: 500 } };

  it('a failed read: try again in a few minutes, then the PHP error log; no "Zapier will retry"', () => {
    for (const msg of [explainWordPressError(body, 500), answerMessages.serverFailed('example.com', 502)]) {
      expect(msg).toMatch(/try again in a few minutes\. If it keeps failing, check the site's PHP error log\.$/);
      expect(msg).not.toMatch(/retry/i);
    }
  });

  it('a failed write may have been saved: check before running it again', () => {
    for (const msg of [explainWordPressError(body, 500, true), answerMessages.serverFailed('example.com', 500, true)]) {
      expect(msg).toMatch(/may have saved this change before it failed: check the site before running the step again/);
      expect(msg).not.toMatch(/retry|try again in a few minutes/i);
    }
  });

  it('a garbled success on a write says the change is most likely saved', () => {
    expect(answerMessages.invalidJson('example.com', 201, true)).toMatch(
      /answered HTTP 201 \(success\), so it has most likely saved this change: check the site before running the step again.*If it keeps happening/,
    );
    expect(answerMessages.invalidJson('example.com', 200)).toMatch(/Try again; if it keeps happening/);
  });

  it('only a throttled answer promises a retry, and counts its seconds right', () => {
    expect(answerMessages.throttled('example.com', 429, 1)).toMatch(/Zapier will retry in 1 second\.$/);
    expect(answerMessages.throttled('example.com', 503, 30)).toMatch(/Zapier will retry in 30 seconds\.$/);
  });
});

describe('forbiddenStatus', () => {
  it('names the capability and the roles, and the way out', () => {
    expect(forbiddenStatus('draft', 'post')).toBe(
      'The WordPress user this connection uses is not allowed to read draft posts: WordPress requires the "edit_posts" capability ' +
        '(roles: Contributor, Author, Editor or Administrator). Reconnect with a user that has it, or ask a site administrator to change the role. ' +
        'Or set Status to Published.',
    );
    expect(forbiddenStatus('private', 'page')).toMatch(
      /read private items of type "page".*"edit_pages".*Editor or Administrator/,
    );
  });
});

describe('a server failure through the app: a read and a write are told apart', () => {
  it('a GET that fails with HTTP 500 says to try again later', async () => {
    wp().get('/wp-json/wp/v2/posts/5').query(true).reply(500, '');
    const { message } = await failsWith(() => appTester(searchPerform('find_post'), bundle({ post_id: '5' })));
    expect(message).toBe(
      "WordPress at example.com failed with HTTP 500 and no explanation. This is usually temporary (a PHP error in a plugin or theme, or an overloaded server): try again in a few minutes. If it keeps failing, check the site's PHP error log.",
    );
  });

  it('a POST that fails with WordPress’s critical-error answer is settled by a lookup: not stored, a replay is safe', async () => {
    wp()
      .post('/wp-json/wp/v2/users')
      .query(true)
      .reply(500, restError('internal_server_error', '<p>There has been a critical error on this website.</p>', 500));
    wp().get('/wp-json/wp/v2/users').query(true).reply(200, []);
    const { message } = await failsWith(() =>
      appTester(createPerform('create_user'), bundle({ username: 'zoe', email: 'zoe@example.org' })),
    );
    expect(message).toBe(
      'The answer to this step was lost: the site answered HTTP 500 (internal_server_error) instead of WordPress\'s answer. Zapier then looked on the site: the user "zoe" is not there, so WordPress did not store it. Running the step again is safe.',
    );
  });
});
