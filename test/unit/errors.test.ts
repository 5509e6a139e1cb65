// WordPress's refusals in words a Zapier user can act on: the sentence for each code, and
// `rest_invalid_param` naming each field.
import { explainWordPressError, invalidParamsMessage } from '../../src/errors';

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
