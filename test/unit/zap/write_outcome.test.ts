// Which failures of a write leave its outcome unknown (the request went out, its answer did not come
// back whole), and how they are told: refusals WordPress sends with a 5xx are not among them.
import { errors } from 'zapier-platform-core';
import { WordPressError } from '../../../src/connection/errors';
import { answerLost, lostReason } from '../../../src/zap/write_outcome';
import { UnreachableError } from '../../../src/connection/request';

describe('answerLost', () => {
  it.each([
    ['a cut connection', new UnreachableError('… may or may not have saved …', 'The connection was cut off.')],
    ['a 500 without explanation', new WordPressError('x', 'http_500', 500)],
    ['a 502 with an envelope', new WordPressError('x', 'internal_server_error', 502)],
    ['a garbled success', new WordPressError('x', 'invalid_json', 200)],
    ['a web page instead of JSON', new WordPressError('x', 'html_response', 200)],
    ['a throttle', new errors.ThrottledError('wait', 30)],
  ])('%s: lost', (_, err) => {
    expect(answerLost(err)).toBe(true);
  });

  it.each([
    ['a refusal (400)', new WordPressError('x', 'rest_invalid_param', 400)],
    ['no trash (501)', new WordPressError('x', 'rest_trash_not_supported', 501)],
    ['a slug in use (500)', new WordPressError('x', 'duplicate_term_slug', 500)],
    ['an empty name (500)', new WordPressError('x', 'empty_term_name', 500)],
    ['an input mistake', new Error('Name: is required.')],
  ])('%s: not lost', (_, err) => {
    expect(answerLost(err)).toBe(false);
  });
});

describe('lostReason', () => {
  it('says why in words, without advice about running the step again', () => {
    expect(lostReason(new UnreachableError('long', 'The connection was cut off.'), 'the delete')).toBe(
      'The connection was cut off.',
    );
    expect(lostReason(new WordPressError('x', 'http_502', 502), 'the delete')).toBe(
      'WordPress failed with HTTP 502 on the delete.',
    );
    expect(lostReason(new WordPressError('x', 'invalid_json', 200), 'the delete')).toBe(
      "WordPress's answer to the delete was not the JSON it sends (HTTP 200).",
    );
    expect(lostReason(new errors.ThrottledError('wait', 30), 'the delete')).toBe(
      'WordPress asked Zapier to wait before calling it again (on the delete).',
    );
  });
});
