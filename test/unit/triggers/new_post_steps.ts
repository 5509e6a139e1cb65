// What the New Post tests share: the trigger, the Post Type dropdown, and the query a poll sends.
import { POST_EMBED, POST_FIELDS } from '../../../src/wordpress/post';
import { triggerPerform } from '../fixtures';

export const newPost = triggerPerform('new_post');
export const postTypeList = triggerPerform('post_type_list');

/** The query New Post sends, with what a test changes. */
export function pollQuery(overrides: Record<string, string> = {}) {
  return {
    _fields: POST_FIELDS,
    _embed: POST_EMBED,
    per_page: '50',
    page: '1',
    orderby: 'date',
    order: 'desc',
    status: 'publish',
    ignore_sticky: 'true',
    ...overrides,
  };
}

export type Out = Array<Record<string, unknown>>;
