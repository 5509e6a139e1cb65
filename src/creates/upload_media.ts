// Upload Media: a file (from an earlier step or a link) into the media library, with its texts.
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { Input, optionalId, optionalText, requiredText } from '../input';
import { withoutSecrets } from '../requests';
import { downloadFile, mediaOutputFields, mediaSample, toMediaOutput, uploadMedia } from '../media';

const FILE = { key: 'file', label: 'File' };
const TITLE = { key: 'title', label: 'Title' };

const inputFields = defineInputFields([
  {
    key: 'file',
    label: 'File',
    type: 'file',
    required: true,
    helpText:
      'A file from an earlier step, or a public link to a file (https://…). The site decides which file types it accepts (images, PDF, audio, video, office documents by default).',
  },
  { key: 'title', label: 'Title', required: false, helpText: 'Default: the file name.' },
  {
    key: 'alt_text',
    label: 'Alt Text',
    required: false,
    helpText: 'Describes an image for people who cannot see it (and for search engines).',
  },
  { key: 'caption', label: 'Caption', type: 'text', required: false },
  { key: 'description', label: 'Description', type: 'text', required: false },
  {
    key: 'post_id',
    label: 'Attach to Post',
    dynamic: 'post_list.id.name',
    search: 'find_post.id',
    required: false,
    helpText:
      'Optional: the post (of any type) the file belongs to. It does not become the featured image; use Update Post for that.',
  },
]);

export const uploadMediaCreate = defineCreate({
  key: 'upload_media',
  noun: 'Media',
  display: {
    label: 'Upload Media',
    description: 'Uploads a file to the media library, with title, alt text, caption and description.',
  },
  operation: {
    inputFields,
    perform: (z, bundle) =>
      withoutSecrets(bundle, [], async () => {
        const input = bundle.inputData as Input;
        const url = requiredText(input, FILE, { max: 8192 });
        const fields = {
          title: optionalText(input, TITLE, { max: 10_000 }),
          alt_text: optionalText(input, { key: 'alt_text', label: 'Alt Text' }, { max: 1000 }),
          caption: optionalText(input, { key: 'caption', label: 'Caption' }, { max: 50_000 }),
          description: optionalText(input, { key: 'description', label: 'Description' }, { max: 50_000 }),
          post: optionalId(input, { key: 'post_id', label: 'Attach to Post' }),
        };
        const file = await downloadFile(z, url, FILE.label, fields.title ?? 'upload');
        return toMediaOutput(await uploadMedia(z, bundle, file, fields));
      }),
    sample: { ...mediaSample },
    outputFields: [...mediaOutputFields],
  },
});
