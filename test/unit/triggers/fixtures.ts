// REST answers as WordPress 6.1 gives them (shapes copied from the bench), for the trigger tests.
import { performOf } from '../fixtures';
import { SITE } from '../helpers';

export { restError, wpPost } from '../fixtures';

/** The perform of a trigger, by key, as Zapier's runtime calls it. */
export const perform = (key: string) => performOf('triggers', key);

export const featuredMedia = {
  id: 16,
  source_url: `${SITE}/wp-content/uploads/2026/03/spring.png`,
  alt_text: 'Orange box on blue',
  mime_type: 'image/png',
  media_details: {
    width: 320,
    height: 200,
    sizes: {
      thumbnail: { source_url: `${SITE}/wp-content/uploads/2026/03/spring-150x150.png`, width: 150, height: 150 },
      medium: { source_url: `${SITE}/wp-content/uploads/2026/03/spring-300x188.png`, width: 300, height: 188 },
      full: { source_url: `${SITE}/wp-content/uploads/2026/03/spring.png`, width: 320, height: 200 },
    },
  },
};

/** WordPress 6.1's answer to a `status` the user may not read (status 401 inside when anonymous). */
export function forbiddenStatus(innerStatus = 403) {
  return {
    code: 'rest_invalid_param',
    message: 'Invalid parameter(s): status',
    data: {
      status: 400,
      params: { status: 'Status is forbidden.' },
      details: {
        status: { code: 'rest_forbidden_status', message: 'Status is forbidden.', data: { status: innerStatus } },
      },
    },
  };
}
