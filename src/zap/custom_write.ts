// The write half of custom fields (custom_fields.ts reads them): an image or file field given as
// a link is downloaded and uploaded to the media library first, as Featured Image is, and its
// media ID sent; meta and ACF values join the body of the one write. Downloads come before any
// upload, so a link that fails leaves nothing behind.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { WordPressError } from '../connection/errors';
import { CustomValues } from './custom_fields';
import { downloadFile } from './files';
import { deleteMedia, uploadMedia } from './media';

/**
 * Puts the values into `body` (`meta` merged over the free Custom Fields, `acf`), uploading images
 * given as links. Returns the media IDs uploaded, for `removeUploads` if the write then fails.
 */
export async function addCustomValues(
  z: ZObject,
  bundle: Bundle,
  values: CustomValues,
  body: Record<string, unknown>,
  title: string | undefined,
): Promise<number[]> {
  const files = [];
  for (const { field, url } of values.uploads) {
    files.push({ field, file: await downloadFile(z, bundle, url, field.label, field.name) });
  }
  const uploaded: number[] = [];
  const acf = { ...values.acf };
  for (const { field, file } of files) {
    const id = (await uploadMedia(z, bundle, file, { title: title ?? file.title, alt_text: title })).item.id;
    uploaded.push(id);
    acf[field.name] = id;
  }
  if (Object.keys(values.meta).length) body.meta = { ...((body.meta as object | undefined) ?? {}), ...values.meta };
  if (Object.keys(acf).length) body.acf = acf;
  return uploaded;
}

/** The write failed after uploads: remove them again (a retry uploads them again). Not after a network failure. */
export async function removeUploads(z: ZObject, bundle: Bundle, error: unknown, uploaded: number[]): Promise<void> {
  if (!(error instanceof WordPressError)) return;
  for (const id of uploaded) await deleteMedia(z, bundle, id);
}
