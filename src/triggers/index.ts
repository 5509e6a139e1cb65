// Every trigger of the app, keyed as Zapier knows it: three visible polls, and the hidden ones in
// dropdowns/ that feed the dropdowns of every operation.
import type { Trigger } from 'zapier-platform-core';
import { anyPostList } from './dropdowns/any_post_list';
import { authorList } from './dropdowns/author_list';
import { categoryList } from './dropdowns/category_list';
import { commentList } from './dropdowns/comment_list';
import { postList } from './dropdowns/post_list';
import { postStatusList } from './dropdowns/post_status_list';
import { postTypeList } from './dropdowns/post_type_list';
import { publishedPostList } from './dropdowns/published_post_list';
import { roleList } from './dropdowns/role_list';
import { tagList } from './dropdowns/tag_list';
import { termList } from './dropdowns/term_list';
import { userList } from './dropdowns/user_list';
import { newComment } from './new_comment';
import { newMedia } from './new_media';
import { newOrUpdatedPost } from './new_or_updated_post';
import { newPost } from './new_post';
import { newUser } from './new_user';

const all: Trigger[] = [
  newPost,
  newOrUpdatedPost,
  newUser,
  newComment,
  newMedia,
  postTypeList,
  postStatusList,
  categoryList,
  tagList,
  termList,
  authorList,
  roleList,
  postList,
  anyPostList,
  userList,
  publishedPostList,
  commentList,
];

export const triggers: Record<string, Trigger> = Object.fromEntries(all.map((trigger) => [trigger.key, trigger]));
