// A post as a status ready to paste into X (Twitter) and other networks: its title, its link, then
// as many of its hashtags as still fit in 280 characters as X counts them.

/** X's limit, in its weighted characters. */
export const X_LIMIT = 280;

/** What X counts for any link, whatever its length: it posts every link as a t.co link of 23. */
export const X_LINK_WEIGHT = 23;

const ELLIPSIS = '…';

/**
 * X's weighted counting, as twitter-text (v3, its default config) does it:
 * - the text is counted in Unicode NFC;
 * - an emoji counts 2, a whole sequence at once (a skin tone, a ZWJ family, a flag, a keycap);
 * - any other code point counts 1 in the ranges 0–4351 (U+0000–U+10FF: Latin, Greek, Cyrillic,
 *   Hebrew, Arabic, Indic scripts…), 8192–8205 (spaces, ZWJ), 8208–8223 (dashes, curly quotes)
 *   and 8242–8247 (primes), and 2 everywhere else: CJK, Hangul, kana, `€`, `…`, `™`, and every
 *   character beyond the BMP;
 * - a link counts 23 (t.co), whatever its length.
 */
const LIGHT_RANGES: Array<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// `v` (Unicode sets) is what gives \p{RGI_Emoji}, the emoji sequences as Unicode lists them. It is
// built at run time because TypeScript allows the flag in a literal only when targeting ES2024, and
// on first use because compiling it costs about 30 ms, which every cold start would otherwise pay.
let emoji: RegExp | undefined;
const emojiPattern = () => (emoji ??= new RegExp('\\p{RGI_Emoji}', 'gv'));

/**
 * Runs of the characters emoji are made of: pictographs, flags' regional indicators, skin tones,
 * variation selector 16, keycap, ZWJ and tag characters, and a keycap's #, * or digit in front.
 * Every emoji lies inside one. The emoji search tries thousands of sequences at each position, so
 * only these runs are searched, and their weight is remembered.
 */
const EMOJI_RUN =
  /[#*0-9]?(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\uFE0F|\u20E3|\u200D)+/gu;

const runWeights = new Map<string, number>();

function runWeight(run: string): number {
  let weight = runWeights.get(run);
  if (weight === undefined) {
    weight = 0;
    let at = 0;
    for (const match of run.matchAll(emojiPattern())) {
      weight += charactersWeight(run.slice(at, match.index)) + 2;
      at = match.index + match[0].length;
    }
    weight += charactersWeight(run.slice(at));
    if (runWeights.size > 10_000) runWeights.clear();
    runWeights.set(run, weight);
  }
  return weight;
}

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}

/**
 * Whatever X might take for a link in ordinary text: a scheme, or a dot before two letters (a
 * domain's TLD: `example.com`, `ASP.NET`, `Node.js`). X checks the TLD against its list; this does
 * not, so it counts a few words as links that X does not (see xLength).
 */
const LINK_LIKE = /https?:\/\/|[\p{L}\p{N}_-]\.\p{L}{2}/giu;

/**
 * The weighted length of text without a known link, by the rules above. Where a word may be a link
 * to X, 23 is added on top of its characters, because X would count the link as 23 and the rest of
 * the word as characters: the result is then at most a little more than X's count, never less, so
 * text measured here always fits.
 */
export function xLength(text: string): number {
  const normalized = text.normalize('NFC');
  const linkLike = normalized.split(/\s+/).reduce((n, word) => n + countLinks(word), 0);
  return plainLength(normalized) + linkLike * X_LINK_WEIGHT;
}

/** The weight of NFC text by its characters and emoji alone. */
function plainLength(normalized: string): number {
  let length = 0;
  let at = 0;
  for (const match of normalized.matchAll(EMOJI_RUN)) {
    length += charactersWeight(normalized.slice(at, match.index)) + runWeight(match[0]);
    at = match.index + match[0].length;
  }
  return length + charactersWeight(normalized.slice(at));
}

function charactersWeight(text: string): number {
  let weight = 0;
  for (const char of text) weight += codePointWeight(char.codePointAt(0) ?? 0);
  return weight;
}

/** How many links X might find in a word: one per domain-like part, one for a scheme without one. */
function countLinks(word: string): number {
  const matches = word.match(LINK_LIKE) ?? [];
  const domains = matches.filter((m) => !/^https?:\/\//i.test(m)).length;
  return domains || (matches.length ? 1 : 0);
}

/**
 * The share text: the title, the link, then the hashtags that still fit, in their order (one that
 * does not fit is skipped and a shorter one after it may still fit; a hashtag twice, in any case,
 * once). The title keeps room for the link: a title too long is cut at the end of a whole word with
 * "…" (at a character, never inside an emoji, only when even its first word is too long).
 */
export function shareText(title: string, link: string | null, hashtags: string[]): string {
  const linkWeight = link ? X_LINK_WEIGHT : 0;
  const parts: string[] = [];
  let used = 0;
  const add = (part: string, weight: number) => {
    used += (parts.length ? 1 : 0) + weight;
    parts.push(part);
  };
  const plainTitle = title.trim();
  if (plainTitle) {
    const fitted = fitTitle(plainTitle, X_LIMIT - (link ? 1 + linkWeight : 0));
    if (fitted) add(fitted, xLength(fitted));
  }
  if (link) add(link, linkWeight);
  const seen = new Set<string>();
  for (const tag of hashtags) {
    const folded = tag.toLowerCase();
    if (!tag || seen.has(folded)) continue;
    const weight = xLength(tag);
    if (used + (parts.length ? 1 : 0) + weight > X_LIMIT) continue;
    seen.add(folded);
    add(tag, weight);
  }
  return parts.join(' ');
}

/**
 * What X links as part of a hashtag (twitter-text's rules): letters with their combining marks
 * (`हिन्दी`, a decomposed `Café`), decimal digits, `_`, and the joiners some scripts write inside
 * words (ZWNJ and ZWJ, the Catalan middle dot, the Hebrew maqaf and geresh, Japanese marks).
 */
const HASHTAG_CHARACTER =
  /^(?:[\p{L}\p{M}\p{Nd}_\u200c\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7]|\u200d)$/u;

/**
 * Characters that carry meaning a hashtag cannot hold: without them `c++` would be `#c`, `C#` `#C`,
 * `R&D` `#RD`, `x²` `#x`. A tag name with one is left out rather than posted as another word.
 */
const MEANINGFUL_SYMBOL = /[\p{Sm}\p{Sc}\p{No}\p{Nl}#&%@/\\*^|~]/u;

/** Emoji presentation selectors: they belong to the emoji that is dropped, not to the word. */
const PRESENTATION = /[\ufe0e\ufe0f]/u;

/**
 * A tag name as a hashtag X links whole: `Open Source` → `#OpenSource`, `e-commerce` →
 * `#ecommerce`, `हिन्दी` → `#हिन्दी`; spaces, punctuation and emoji between words dropped. Empty
 * (no hashtag) for a name X would not link (`2024`: digits alone) or that would lose a meaningful
 * symbol (`c++`).
 */
export function toHashtag(name: string): string {
  let word = '';
  for (const char of name) {
    if (MEANINGFUL_SYMBOL.test(char)) return '';
    if (HASHTAG_CHARACTER.test(char) && !PRESENTATION.test(char)) word += char;
  }
  return /[\p{L}\p{M}]/u.test(word) ? `#${word}` : '';
}

// Made on first use, like the emoji pattern: ICU's word rules take milliseconds to load.
const segmenters: Partial<Record<'word' | 'grapheme', Intl.Segmenter>> = {};
const segmenter = (granularity: 'word' | 'grapheme') =>
  (segmenters[granularity] ??= new Intl.Segmenter(undefined, { granularity }));

/**
 * The title, or its longest start that fits in `budget` with "…": cut where a word ends (Unicode's
 * word boundaries, which also find the words of Chinese, Japanese and Thai, written without spaces),
 * the spaces and punctuation before the cut dropped. A title whose first word alone is too long is
 * cut between two characters (whole grapheme clusters: an emoji or an accented letter stays whole).
 */
function fitTitle(title: string, budget: number): string {
  if (xLength(title) <= budget) return title;
  return longestStart(title, segmenter('word'), budget) ?? longestStart(title, segmenter('grapheme'), budget) ?? '';
}

const TRAILING_PUNCTUATION = /[\s\p{Pd}\p{Po}\p{Ps}\p{Pi}]+$/u;

/**
 * The longest start, at one of the segmenter's boundaries, that fits with "…". A longer start never
 * weighs less (characters only add weight; dropping trailing punctuation keeps that order), so the
 * boundaries are read only up to the first whose start alone weighs more than the budget, and a
 * binary search among them measures a few starts: a title of any length costs about the same.
 */
function longestStart(title: string, segmenter: Intl.Segmenter, budget: number): string | undefined {
  const ends: number[] = [];
  let weight = 0;
  for (const { segment, index } of segmenter.segment(title)) {
    if (index > 0) ends.push(index);
    if (weight > budget) break;
    weight += plainLength(segment.normalize('NFC'));
  }
  const startAt = (i: number) => title.slice(0, ends[i]).replace(TRAILING_PUNCTUATION, '');
  // fits(lo) holds (lo = -1: the empty start), fits(hi) does not (hi = ends.length: past the last).
  let [lo, hi] = [-1, ends.length];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xLength(startAt(mid) + ELLIPSIS) <= budget) lo = mid;
    else hi = mid;
  }
  const start = lo < 0 ? '' : startAt(lo);
  return start ? start + ELLIPSIS : undefined;
}
