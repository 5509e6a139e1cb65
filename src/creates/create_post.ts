// Create Post: a post, page or custom-type item, with terms by name and a featured image from a
// file, in one step; output as the New Post trigger gives it, so later steps can use any of it,
// with warnings for whatever WordPress left out (the post exists then: never a failed step).
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../connection/errors';
import type { Input } from '../zap/input';
import { postCustomOutputFields } from '../wordpress/post_custom';
import { postInputFields, readPostInput } from '../zap/post_form';
import { PostWriteOutput, postWriteOutput, savePost } from '../zap/post_write';

const inputFields = postInputFields('create');

async function perform(z: ZObject, bundle: Bundle): Promise<PostWriteOutput> {
  const input = readPostInput(bundle.inputData as Input, 'create');
  const { title, content, excerpt, status } = input.body;
  if (title === undefined && content === undefined && excerpt === undefined) {
    throw new UserInputError(
      'Title, Content and Excerpt are all empty: WordPress needs at least one of them to create a post. Fill in the Title.',
    );
  }
  if (status === 'future' && !('date' in input.body || 'date_gmt' in input.body)) {
    throw new UserInputError(
      'Status is Scheduled but Publish Date is empty: fill in the date and time to publish at (in the future).',
    );
  }
  return savePost(z, bundle, input);
}

export const createPost = defineCreate({
  key: 'create_post',
  noun: 'Post',
  display: {
    label: 'Create Post',
    description:
      'Creates a post, page or custom post type item, with categories and tags (new names are created), a featured image and custom fields.',
  },
  operation: {
    inputFields,
    perform,
    sample: postWriteOutput.sample,
    outputFields: [...postWriteOutput.outputFields, postCustomOutputFields],
  },
});
