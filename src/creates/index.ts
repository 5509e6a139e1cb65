// Every create of the app, keyed as Zapier knows it.
import type { Create } from 'zapier-platform-core';
import { apiRequest } from './api_request';
import { createComment } from './create_comment';
import { createPost } from './create_post';
import { createTerm } from './create_term';
import { createUser } from './create_user';
import { deletePost } from './delete_post';
import { updateComment } from './update_comment';
import { updatePost } from './update_post';
import { updateUser } from './update_user';
import { uploadMediaCreate } from './upload_media';

export const creates: Record<string, Create> = {
  [createPost.key]: createPost,
  [updatePost.key]: updatePost,
  [deletePost.key]: deletePost,
  [createTerm.key]: createTerm,
  [apiRequest.key]: apiRequest,
  [createUser.key]: createUser,
  [updateUser.key]: updateUser,
  [uploadMediaCreate.key]: uploadMediaCreate,
  [createComment.key]: createComment,
  [updateComment.key]: updateComment,
};
