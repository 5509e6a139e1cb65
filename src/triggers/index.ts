// Every trigger of the app, keyed as Zapier knows it: the visible polls, their instant twins (companion plugin), and the hidden ones in
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
import { taxonomyList } from './dropdowns/taxonomy_list';
import { taxonomyTermList } from './dropdowns/taxonomy_term_list';
import { termList } from './dropdowns/term_list';
import { userList } from './dropdowns/user_list';
import { newComment } from './new_comment';
import { newCommentInstant } from './new_comment_instant';
import { newMedia } from './new_media';
import { newOrUpdatedPost } from './new_or_updated_post';
import { newOrUpdatedPostInstant } from './new_or_updated_post_instant';
import { newPost } from './new_post';
import { newPostInstant } from './new_post_instant';
import { newUser } from './new_user';
import { newUserInstant } from './new_user_instant';
import { userUpdatedInstant } from './user_updated_instant';

const all: Trigger[] = [
  newPost,
  newOrUpdatedPost,
  newUser,
  newComment,
  newMedia,
  newPostInstant,
  newOrUpdatedPostInstant,
  newUserInstant,
  userUpdatedInstant,
  newCommentInstant,
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
  taxonomyList,
  taxonomyTermList,
];

export const triggers: Record<string, Trigger> = Object.fromEntries(all.map((trigger) => [trigger.key, trigger]));
