// Upload Media: a file (from an earlier step or a link) into the media library, with its texts.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { downloadFile } from '../zap/files';
import { Input, optionalId, optionalText, requiredText } from '../zap/input';
import { uploadMedia } from '../zap/media';
import { MEDIA_OUTPUT_FIELDS, MediaOutput, toMediaOutput } from '../wordpress/media_item';
import { defineWriteOutput } from '../wordpress/output';
import { siteUrlOf } from '../connection/site';

const field = {
  file: {
    key: 'file',
    label: 'File',
    type: 'file',
    required: true,
    helpText:
      'A file from an earlier step, or a public link to a file (https://…). The site decides which file types it accepts (images, PDF, audio, video, office documents by default).',
  },
  title: {
    key: 'title',
    label: 'Title',
    required: false,
    helpText: 'Default: the file name (写真.jpg is titled 写真; the file itself is stored under an ASCII name).',
  },
  alt_text: {
    key: 'alt_text',
    label: 'Alt Text',
    required: false,
    helpText: 'Describes an image for people who cannot see it (and for search engines).',
  },
  caption: {
    key: 'caption',
    label: 'Caption',
    type: 'text',
    required: false,
    helpText: 'Up to 10,000 characters (WordPress stores a caption in at most 64 KB).',
  },
  description: { key: 'description', label: 'Description', type: 'text', required: false },
  post_id: {
    key: 'post_id',
    label: 'Attach to Post',
    type: 'integer',
    dynamic: 'any_post_list.id.name',
    search: 'find_post.id',
    required: false,
    helpText:
      'Optional: the post, page or custom post type item the file belongs to (the dropdown lists every type you may edit). It does not become the featured image; use Update Post for that.',
  },
} as const;

const inputFields = defineInputFields(Object.values(field));

/** The item as New Media gives it, and Warnings: set only when WordPress's answer was lost and the item found. */
const uploadOutput = defineWriteOutput<MediaOutput>(
  MEDIA_OUTPUT_FIELDS,
  "WordPress's answer was lost (the connection was reset while WordPress's answer was arriving), so Zapier looked on the site: the file spring.jpg is there (ID 88), stored once by this step.",
);

async function perform(z: ZObject, bundle: Bundle): Promise<MediaOutput & { warnings: string[] }> {
  const input = bundle.inputData as Input;
  const url = requiredText(input, field.file, { max: 8192 });
  const fields = {
    title: optionalText(input, field.title, { max: 10_000 }),
    alt_text: optionalText(input, field.alt_text, { max: 1000 }),
    // post_excerpt holds 65,535 bytes; an Author's `&` is stored as `&amp;`: 5 bytes a character.
    caption: optionalText(input, field.caption, { max: 10_000 }),
    description: optionalText(input, field.description, { max: 50_000 }),
    post: optionalId(input, field.post_id),
  };
  const file = await downloadFile(z, bundle, url, field.file.label, fields.title ?? 'upload');
  const { item, warning } = await uploadMedia(z, bundle, file, fields);
  return { ...toMediaOutput(item, siteUrlOf(bundle)), warnings: warning ? [warning] : [] };
}

export const uploadMediaCreate = defineCreate({
  key: 'upload_media',
  noun: 'Media',
  display: {
    label: 'Upload Media',
    description: 'Uploads a file to the media library, with title, alt text, caption and description.',
  },
  operation: {
    inputFields,
    perform,
    sample: uploadOutput.sample,
    outputFields: uploadOutput.outputFields,
  },
});
