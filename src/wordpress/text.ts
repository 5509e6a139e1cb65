// Text and dates as WordPress gives them, made ready to post: HTML to plain text, entities
// decoded, `*_gmt` dates with a zone.
import { decodeHTMLStrict } from 'entities/decode';

/**
 * HTML entities to characters. Strict: an entity counts only with its `;`, as WordPress writes
 * them, so "AT&T" or "&copy2026" in a title stays as written.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}

/** The HTML elements a title, a name or WordPress's message may hold as markup. */
const ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b bdi bdo big blockquote body br button caption cite code col ' +
    'colgroup data dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 head header hr html ' +
    'i iframe img input ins kbd label legend li link main mark meta nav object ol option p picture pre q rp rt ruby s ' +
    'samp script section select small source span strike strong style sub summary sup svg table tbody td template ' +
    'textarea tfoot th thead time title tr tt u ul var video wbr base blink canvas center dialog embed fieldset ' +
    'form frame hgroup map marquee menu meter nobr noscript optgroup output param progress track'
  ).split(' '),
);

/**
 * A real tag: a known element's name right after `<` or `</`, then only well-formed attributes
 * (`name`, `name=value`, `name="…"`, `name='…'`); or an HTML comment. `A<B & C>D` and
 * `Why 2<3 but 5>4` hold none: an `&` is no attribute name, and no element is named `3`.
 */
const TAG =
  /<!--[\s\S]*?-->|<\/?([a-z][a-z0-9]*)((?:\s+[a-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi;

/** The text with only real markup removed: a `<` or `>` that starts no tag is text, and stays. */
export function stripMarkup(html: string): string {
  return html.replace(TAG, (tag: string, name: string | undefined) =>
    name === undefined || ELEMENTS.has(name.toLowerCase()) ? '' : tag,
  );
}

/**
 * What WordPress keeps of a title typed by a user without `unfiltered_html` (an Author, anyone on a
 * multisite but a super admin): kses drops every `<…>` that is no allowed tag, and keeps allowed ones
 * without their attributes (`A<B & C>D` is stored `A<B>D`, `Why 2<3 but 5>4` as `Why 24`). Compared
 * with every `<…>` removed, both spellings read the same.
 */
export function withoutAngleBrackets(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}

/** Tags removed and entities decoded, on one line. For titles, names and WordPress's messages. */
export function stripTags(html: string): string {
  return decodeEntities(stripMarkup(html)).replace(/\s+/g, ' ').trim();
}

/**
 * HTML to plain text that keeps paragraph breaks: what a social post or CRM note wants.
 * Scripts, styles and block-editor comments disappear; entities are decoded.
 */
export function htmlToText(html: string | undefined | null): string {
  if (!html) return '';
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    // wpautop writes `<br />` and a newline: one line break, not two.
    .replace(/<br\s*\/?>\r?\n?/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/li>/gi, '')
    .replace(/<\/(p|div|h[1-6]|ul|ol|blockquote|pre|figure|figcaption|tr|table|section|article)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A name in the form two spellings of it share: how WordPress itself compares term names for
 * `term_exists` (case and entities do not matter).
 */
export function comparable(text: string): string {
  return decodeEntities(text).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * What WordPress's wptexturize makes of plain characters in a shown title, back to one plain form:
 * quotes and primes (‘ ’ ′ “ ” ″, and „ ‚ on translated sites; `` and '' become “ and ”), `...` (…),
 * `(tm)` (™), `1x2` (1×2), and dashes: `---`, and `--` between spaces, become —; `--`, and `-`
 * between spaces, become –. The spaced forms are rewritten first, so "a - b" and "a – b" both read
 * "a -- b", and "a -- b" and "a — b" both read "a --- b", while "a - b" and "a -- b" stay apart.
 */
const TEXTURIZED: Array<[RegExp, string]> = [
  [/[‘’′‚‛]/g, "'"],
  [/[“”″„‟]/g, '"'],
  [/''|``/g, '"'],
  [/(^|\s)--(?=\s|$)/g, '$1---'],
  [/(^|\s)-(?=\s|$)/g, '$1--'],
  [/—/g, '---'],
  [/–/g, '--'],
  [/…/g, '...'],
  // Only where WordPress puts them: ` (tm)` after a space, and `x` between two numbers.
  [/ ™/g, ' (tm)'],
  [/(\d)×(?=\d)/g, '$1x'],
];

/**
 * A post title in the form the typed title and WordPress's shown one share: `comparable`, with
 * wptexturize's rewrites undone, so `Don't "miss" it -- now...` equals
 * `Don&#8217;t &#8220;miss&#8221; it &#8212; now&#8230;`.
 */
export function comparableTitle(text: string): string {
  return TEXTURIZED.reduce((folded, [pattern, plain]) => folded.replace(pattern, plain), comparable(text));
}

/** `shop_manager` → `Shop Manager`: a name for what the REST API gives only a slug of (roles, search results' types). */
export function slugWords(slug: string): string {
  return slug
    .split(/[_-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** A value quoted in a message: long input is cut, so a 1 MB mistake does not become a 1 MB message. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** WordPress's `*_gmt` dates are UTC without a zone: give them one. */
export function gmtToIso(gmt: string | undefined | null): string | null {
  if (!gmt || gmt.startsWith('0000')) return null;
  return `${gmt.replace(' ', 'T')}+00:00`;
}

/** A WordPress date as epoch seconds: `*_gmt` fields carry no zone and are UTC. */
export function epochOf(date: string | undefined | null): number | undefined {
  if (!date) return undefined;
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(date) ? date : `${date}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** The site-local date with its UTC offset, computed from the local and the GMT value. */
export function localToIso(local: string | undefined | null, gmt: string | undefined | null): string | null {
  if (!local || !gmt || local.startsWith('0000') || gmt.startsWith('0000')) return gmtToIso(gmt);
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Date.parse(`${gmt}Z`)) / 60000);
  if (!Number.isFinite(offsetMinutes)) return gmtToIso(gmt);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.replace(' ', 'T')}${sign}${hh}:${mm}`;
}
