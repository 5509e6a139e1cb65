// A file fetched from a URL (a public link, or a Zapier file from an earlier step) so that it can
// go into the media library: its bytes, its type and a file name WordPress accepts.
import type { Readable } from 'node:stream';
import type { Bundle, RawHttpResponse, ZObject } from 'zapier-platform-core';
import { DownloadGuard, Refusal } from '../connection/addresses';
import { isPlatform401 } from '../connection/diagnosis';
import { UserInputError } from '../connection/errors';
import { UnreachableError, callWordPress } from '../connection/request';
import { authDataOf, normalizeSiteUrl, safeUrl } from '../connection/site';
import { clip } from '../wordpress/text';

/** Larger files rarely get through PHP's upload limits, and would not fit a Zapier step's memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export interface DownloadedFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** The name as given, for a title, when `filename` cannot carry its letters (`写真.jpg`). */
  title?: string;
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

/** What the first bytes say: only signatures no text file starts with. */
function sniff(bytes: Buffer): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const text = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (text(0, 6) === 'GIF87a' || text(0, 6) === 'GIF89a') return 'image/gif';
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'image/webp';
  if (text(0, 5) === '%PDF-') return 'application/pdf';
  if (text(4, 8) === 'ftyp') {
    const brand = text(8, 12);
    if (brand.startsWith('avif')) return 'image/avif';
    if (brand.startsWith('heic') || brand.startsWith('mif1')) return 'image/heic';
    return 'video/mp4';
  }
  return undefined;
}

/** What servers answer when they do not know what a file is: the bytes, then the name, decide. */
const UNTYPED = /^(|(application|binary)\/octet-stream|application\/(binary|unknown|(x-|force-)?download))$/;

/**
 * The file's type. A signature wins over an untyped answer and over a text type (many servers
 * label anything they do not know `text/plain`); a text type with no signature stays text.
 */
function fileType(declared: string, bytes: Buffer, nameGiven: string | undefined): string {
  const sniffed = sniff(bytes);
  if (sniffed && (UNTYPED.test(declared) || declared === 'text/plain' || declared === 'text/html')) return sniffed;
  if (!UNTYPED.test(declared)) return declared;
  return (nameGiven && TYPE_FOR_EXTENSION[splitName(nameGiven).ext ?? '']) || 'application/octet-stream';
}

/** A file name's last path segment, as its stem and its extension (lowercase), if it has one. */
function splitName(name: string): { stem: string; ext?: string } {
  const base = name.split(/[\\/]/).pop() ?? '';
  const ext = /\.([a-z0-9]{1,5})$/i.exec(base)?.[1];
  return ext ? { stem: base.slice(0, -(ext.length + 1)), ext: ext.toLowerCase() } : { stem: base };
}

/**
 * The file name a `Content-Disposition` header gives, `filename*` (RFC 5987) first. A quoted name
 * may hold escaped quotes (`"my \"best\" photo.jpeg"`); a name sent as raw UTF-8 bytes arrives
 * read as Latin-1, and is read again as UTF-8 when it is valid UTF-8.
 */
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
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
  const value = (plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2])?.trim();
  return value ? utf8FromLatin1(value) : undefined;
}

function utf8FromLatin1(text: string): string {
  if (!/[\x80-\xff]/.test(text) || /[\u0100-\uffff]/.test(text)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

/**
 * The name as given, without its extension, when the ASCII file name loses letters or digits of
 * it (`写真.jpg`, `фото.png`, `Straße.png`; not `Crème brûlée.png`, which folds to its letters).
 * WordPress titles an item after its file name, which would then say nothing.
 */
export function titleFromName(name: string | undefined): string | undefined {
  const stem = splitName(name ?? '')
    .stem.replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .normalize('NFC');
  const folded = stem.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return /(?!\p{ASCII})[\p{L}\p{N}]/u.test(folded) ? stem : undefined;
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
  const given = splitName(name ?? '');
  const expectedExt = EXTENSION_FOR[contentType];
  // Keep the given extension when it means the same type (photo.jpeg for image/jpeg).
  const ext =
    given.ext && (!expectedExt || TYPE_FOR_EXTENSION[given.ext] === contentType)
      ? given.ext
      : (expectedExt ?? given.ext ?? 'bin');
  const stem = (ascii(given.stem) || ascii(fallback) || 'file').slice(0, 80).replace(/[-.]+$/, '');
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
  if (response.status >= 400) throw failed(refusedAnswer(response.status));
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
  const contentType = fileType(headerType, bytes, nameGiven);
  if (contentType === 'text/html') {
    throw failed(
      'the link leads to a web page, not to a file. Use the direct link to the file (for an image, "Copy image address").',
    );
  }
  const filename = safeFilename(nameGiven, contentType, fallbackName);
  return { bytes, contentType, filename, title: titleFromName(nameGiven), source };
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
      // Zapier turns a 401 into an empty RefreshAuthError before the answer can be read.
      if (isPlatform401(err)) throw failed(refusedAnswer(401));
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

/** Why the server of a link refused the file, and what to check. */
function refusedAnswer(status: number): string {
  const reason =
    status === 404
      ? 'not found'
      : status === 401 || status === 403
        ? 'access denied; the link must be public'
        : 'the server refused';
  return `the server answered HTTP ${status} (${reason}). Check that the link is public and points to the file itself.`;
}

/** node-fetch's message names the whole URL, query string included: keep only the reason. */
function withoutUrl(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  const reason = /^request to \S+ failed, reason: ([\s\S]*)$/.exec(message)?.[1] ?? message;
  return `${reason.replace(/\.$/, '')}.`;
}
