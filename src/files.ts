// A file fetched from a URL (a public link, or a Zapier file from an earlier step) so that it can
// go into the media library: its bytes, its type and a file name WordPress accepts.
import type { Readable } from 'node:stream';
import type { Bundle, RawHttpResponse, ZObject } from 'zapier-platform-core';
import { DownloadGuard, Refusal } from './addresses';
import { UserInputError } from './errors';
import { UnreachableError, callWordPress } from './request';
import { authDataOf, normalizeSiteUrl, safeUrl } from './site';
import { clip } from './text';

/** Larger files rarely get through PHP's upload limits, and would not fit a Zapier step's memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface DownloadedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** Where it came from, safe to show (no query string). */
  source: string;
}

const EXTENSION_FOR: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

const TYPE_FOR_EXTENSION: Record<string, string> = {
  ...Object.fromEntries(Object.entries(EXTENSION_FOR).map(([type, ext]) => [ext, type])),
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  m4v: 'video/mp4',
};

/** What the first bytes say, for servers that answer `application/octet-stream` or nothing. */
function sniff(bytes: Buffer): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand.startsWith('avif')) return 'image/avif';
    if (brand.startsWith('heic') || brand.startsWith('mif1')) return 'image/heic';
    return 'video/mp4';
  }
  return undefined;
}

function extensionOf(name: string): string | undefined {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m?.[1]?.toLowerCase();
}

/** The file name a `Content-Disposition` header gives, `filename*` (RFC 5987) first. */
export function filenameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const value = (plain?.[2] ?? plain?.[1])?.trim();
  return value || undefined;
}

/**
 * A file name WordPress takes in `Content-Disposition: attachment; filename="…"`: ASCII only
 * (`filename*=` is refused with 400), accents folded, anything else a dash, and an extension that
 * matches the content type (WordPress decides what a file is by its extension and refuses a file
 * without one).
 */
export function safeFilename(name: string | undefined, contentType: string, fallback: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const given = (name ?? '').split(/[\\/]/).pop() ?? '';
  const givenExt = extensionOf(given);
  const expectedExt = EXTENSION_FOR[contentType];
  // Keep the given extension when it means the same type (photo.jpeg for image/jpeg).
  const ext =
    givenExt && (!expectedExt || TYPE_FOR_EXTENSION[givenExt] === contentType)
      ? givenExt
      : (expectedExt ?? givenExt ?? 'bin');
  const stemSource = givenExt ? given.slice(0, -(givenExt.length + 1)) : given;
  const stem = (ascii(stemSource) || ascii(fallback) || 'file').slice(0, 80).replace(/[-.]+$/, '');
  return `${stem}.${ext}`;
}

/** A URL the user gave for a file, checked before anything is fetched. */
export function parseFileUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserInputError(
      `${label}: "${clip(value)}" is not a URL. Map a file from an earlier step, or enter a public link to the file (https://…).`,
      'invalid_file_url',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserInputError(`${label}: "${clip(value)}" must be an http:// or https:// link.`, 'invalid_file_url');
  }
  return url;
}

/** A failure to download, naming the field and the link the user gave. */
function downloadFailed(label: string, source: string, why: string): UserInputError {
  return new UserInputError(`${label}: could not download ${source}: ${why}`, 'file_download_failed');
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Downloads a file for upload. The request goes through the app's middlewares only for the
 * Bearer token (added when the file lives on the site itself, on every redirect judged again);
 * its answer is judged here, so a failure names the URL and the reason instead of reading as a
 * WordPress error.
 */
export async function downloadFile(
  z: ZObject,
  bundle: Bundle,
  rawUrl: string,
  label: string,
  fallbackName: string,
): Promise<DownloadedFile> {
  const start = parseFileUrl(rawUrl, label);
  const source = safeUrl(start.toString());
  const failed = (why: string) => downloadFailed(label, source, why);
  const { response, url } = await fetchFollowingRedirects(z, bundle, start, label);
  if (response.status >= 400) {
    const reason =
      response.status === 404
        ? 'not found'
        : response.status === 401 || response.status === 403
          ? 'access denied; the link must be public'
          : 'the server refused';
    throw failed(
      `the server answered HTTP ${response.status} (${reason}). Check that the link is public and points to the file itself.`,
    );
  }
  const declared = Number(response.getHeader('content-length'));
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) {
    throw failed(
      `the file is ${(declared / 1024 / 1024).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 1024 / 1024} MB can be uploaded.`,
    );
  }
  const bytes = await response.buffer();
  if (bytes.length === 0) throw failed('the file is empty.');
  if (bytes.length > MAX_FILE_BYTES) {
    throw failed(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const headerType = (response.getHeader('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // The last hop's name: a link like …/download?id=3 often redirects to the file's real name.
  const nameGiven = filenameFromDisposition(response.getHeader('content-disposition')) ?? lastPathSegment(url);
  const extType = nameGiven ? TYPE_FOR_EXTENSION[extensionOf(nameGiven) ?? ''] : undefined;
  const generic = !headerType || headerType === 'application/octet-stream' || headerType === 'binary/octet-stream';
  const contentType = (generic ? (sniff(bytes) ?? extType) : headerType) ?? 'application/octet-stream';
  if (contentType === 'text/html' && !sniff(bytes)) {
    throw failed(
      'the link leads to a web page, not to a file. Use the direct link to the file (for an image, "Copy image address").',
    );
  }
  return { bytes, contentType, filename: safeFilename(nameGiven, contentType, fallbackName), source };
}

function lastPathSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The site's address, which decides whether links to local and intranet addresses may be fetched. */
function siteAddressOf(bundle: Bundle): string | undefined {
  const auth = authDataOf(bundle);
  if (auth.rest_root) return auth.rest_root;
  try {
    return normalizeSiteUrl(auth.site_url).toString();
  } catch {
    return undefined;
  }
}

/**
 * Fetches a file link, following redirects here rather than in node-fetch: every hop's address
 * is judged (an IP literal before its request, a name by the agent as it connects), and every hop
 * is a request of its own, so the middleware gives the token only to the site's own origin.
 */
async function fetchFollowingRedirects(
  z: ZObject,
  bundle: Bundle,
  start: URL,
  label: string,
): Promise<{ response: RawHttpResponse; url: URL }> {
  const guard = new DownloadGuard(siteAddressOf(bundle));
  const source = safeUrl(start.toString());
  const failed = (why: string) => downloadFailed(label, source, why);
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const where = url === start ? source : `${source} redirects to ${safeUrl(url.toString())}, which`;
    const literal = await guard.checkLiteral(url);
    if (literal) throw notPublic(label, where, literal);
    let response: RawHttpResponse;
    try {
      response = await callWordPress(z, bundle, {
        route: url.toString(),
        headers: { Accept: '*/*' },
        raw: true,
        skipThrowForStatus: true,
        passThrough: true,
        redirect: 'manual',
        agent: guard.agentFor(url),
        check: `the ${label} link`,
      });
    } catch (err) {
      if (guard.refusal) throw notPublic(label, where, guard.refusal);
      throw failed(err instanceof UnreachableError ? err.reason : withoutUrl(err));
    }
    if (!REDIRECT_STATUSES.has(response.status)) return { response, url };
    const location = response.getHeader('location');
    // The redirect's own body is of no use; reading it would only hold the connection open.
    (response.body as unknown as Readable | undefined)?.resume();
    if (!location) throw failed(`the server answered HTTP ${response.status} without saying where the file is.`);
    if (redirects === MAX_REDIRECTS) {
      throw failed(`the link redirects more than ${MAX_REDIRECTS} times. Use the direct link to the file.`);
    }
    url = nextHop(location, url, failed);
  }
}

/** Where a redirect leads, resolved against the URL that answered; only http and https are followed. */
function nextHop(location: string, current: URL, failed: (why: string) => UserInputError): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw failed('the server redirects to an address that is not a valid link. Use the direct link to the file.');
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw failed(
      `the server redirects to a ${next.protocol} address; only http:// and https:// links can be downloaded. Use the direct link to the file.`,
    );
  }
  return next;
}

function notPublic(label: string, where: string, refusal: Refusal): UserInputError {
  return new UserInputError(
    `${label}: ${where} leads to an address that is not public (${refusal.address}, ${refusal.reason}); Zapier downloads files only from public addresses. Use a public link to the file.`,
    'file_address_not_public',
  );
}

/** node-fetch's message names the whole URL, query string included: keep only the reason. */
function withoutUrl(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  const reason = /^request to \S+ failed, reason: ([\s\S]*)$/.exec(message)?.[1] ?? message;
  return `${reason.replace(/\.$/, '')}.`;
}
