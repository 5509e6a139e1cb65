// Every trigger of the app, keyed as Zapier knows it: three visible polls and the hidden triggers
// that feed the dropdowns of every operation.
import type { Trigger } from 'zapier-platform-core';
import { authorList } from './author_list';
import { categoryList } from './category_list';
import { newOrUpdatedPost } from './new_or_updated_post';
import { newPost } from './new_post';
import { newUser } from './new_user';
import { postList } from './post_list';
import { postStatusList } from './post_status_list';
import { postTypeList } from './post_type_list';
import { roleList } from './role_list';
import { tagList } from './tag_list';
import { userList } from './user_list';

const all: Trigger[] = [
  newPost,
  newOrUpdatedPost,
  newUser,
  postTypeList,
  postStatusList,
  categoryList,
  tagList,
  authorList,
  roleList,
  postList,
  userList,
];

export const triggers: Record<string, Trigger> = Object.fromEntries(all.map((trigger) => [trigger.key, trigger]));
