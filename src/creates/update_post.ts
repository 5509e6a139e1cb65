// Update Post: changes only the fields filled in; empty fields keep WordPress's values (Zapier sends
// unmapped fields empty), and Clear These Fields empties the ones it lists. What WordPress left out
// is a warning in the output, never a failed step (the change is saved).
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Input } from '../zap/input';
import { postCustomOutputFields } from '../wordpress/post_custom';
import { postInputFields, readPostInput } from '../zap/post_form';
import { PostWriteOutput, postWriteOutput, savePost } from '../zap/post_write';

const inputFields = postInputFields('update');

async function perform(z: ZObject, bundle: Bundle): Promise<PostWriteOutput> {
  const input = readPostInput(bundle.inputData as Input, 'update');
  return savePost(z, bundle, input);
}

export const updatePost = defineCreate({
  key: 'update_post',
  noun: 'Post',
  display: {
    label: 'Update Post',
    description:
      'Updates an existing post, page or custom post type item. Only the fields you fill in are changed; Clear These Fields empties the ones you pick.',
  },
  operation: {
    inputFields,
    perform,
    sample: postWriteOutput.sample,
    outputFields: [...postWriteOutput.outputFields, postCustomOutputFields],
  },
});
