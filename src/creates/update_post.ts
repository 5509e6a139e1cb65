// Update Post: changes only the fields filled in; empty fields keep WordPress's values.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { UserInputError } from '../errors';
import type { Input } from '../input';
import { PostOutput, postOutput, toPostOutput } from '../post';
import { postInputFields, readPostInput } from '../post_form';
import { savePost } from '../post_write';
import { siteUrlOf } from '../site';

const inputFields = postInputFields('update');

async function perform(z: ZObject, bundle: Bundle): Promise<PostOutput> {
  const input = readPostInput(bundle.inputData as Input, 'update');
  const { post, type, notApplied } = await savePost(z, bundle, input);
  if (notApplied.length) {
    throw new UserInputError(
      `WordPress updated ${type.slug} ${post.id}, but did not apply: ${notApplied.join('; ')}. Correct the values and run the step again.`,
      'partially_applied',
    );
  }
  return toPostOutput(post, siteUrlOf(bundle));
}

export const updatePost = defineCreate({
  key: 'update_post',
  noun: 'Post',
  display: {
    label: 'Update Post',
    description: 'Updates an existing post, page or custom post type item. Only the fields you fill in are changed.',
  },
  operation: {
    inputFields,
    perform,
    sample: postOutput.sample,
    outputFields: postOutput.outputFields,
  },
});
