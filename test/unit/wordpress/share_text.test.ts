// The share text: title, link and hashtags within 280 characters as X counts them (twitter-text's
// weighted length: CJK and emoji 2, links 23), the title cut at a whole word with "…".
import twitter from 'twitter-text';
import { X_LIMIT, shareText, toHashtag, xLength } from '../../../src/wordpress/share_text';

const LINK = 'https://example.com/2026/03/14/whats-new-in-our-spring-collection/';

describe('xLength: how X counts', () => {
  it('counts Latin, Greek, Cyrillic, Arabic and Indic letters 1, CJK, kana and Hangul 2', () => {
    expect(xLength('Hello, world!')).toBe(13);
    expect(xLength('Grüße Ελλάδα Привет مرحبا नमस्ते')).toBe(32);
    expect(xLength('こんにちは')).toBe(10);
    expect(xLength('東京')).toBe(4);
    expect(xLength('한국어')).toBe(6);
  });

  it('weighs 1 exactly in the ranges 0–4351, 8192–8205, 8208–8223 and 8242–8247', () => {
    const weight = (codePoint: number) => xLength(String.fromCodePoint(codePoint));
    const light = [0x41, 4351, 8192, 8205, 8208, 8223, 8242, 8247];
    const heavy = [4352, 8191, 8206, 8207, 8224, 8241, 8248, 0x20ac, 0x2026, 0x2122, 0x3042, 0x1d5fc, 0x20000];
    expect(light.map(weight)).toEqual(light.map(() => 1));
    expect(heavy.map(weight)).toEqual(heavy.map(() => 2));
    // What that means for punctuation in titles: dashes and curly quotes 1, "…", "€" and "™" 2.
    expect(xLength('—–“”‘’')).toBe(6);
    expect(xLength('…€™')).toBe(6);
  });

  it('counts an emoji 2, a whole sequence at once: skin tone, ZWJ family, flag, keycap', () => {
    expect(xLength('🚀')).toBe(2);
    expect(xLength('👍🏽')).toBe(2);
    expect(xLength('👨‍👩‍👧')).toBe(2);
    expect(xLength('🇩🇪')).toBe(2);
    expect(xLength('1️⃣')).toBe(2);
    expect(xLength('©️')).toBe(2);
    // Not emoji: a plain © (1), a mathematical bold letter beyond the BMP (2).
    expect(xLength('©')).toBe(1);
    expect(xLength('𝗼')).toBe(2);
    expect(xLength('Launch 🚀 day')).toBe(13);
  });

  it('counts in NFC, as X does: a decomposed é is one character', () => {
    expect(xLength('e\u0301')).toBe(1);
  });

  it('adds 23 for each word X might take for a link, so text measured here never exceeds X’s count', () => {
    expect(xLength('see example.com')).toBe(4 + 11 + 23);
    expect(xLength('http://localhost')).toBe(16 + 23);
    expect(xLength('a.com,b.org')).toBe(11 + 46);
    expect(xLength('U.S. e.g. 3.5 v2.1')).toBe(18);
  });
});

describe('shareText', () => {
  it('is the title, the link, then the hashtags', () => {
    expect(shareText('What’s new in our spring collection', LINK, ['#Spring', '#OpenSource'])).toBe(
      `What’s new in our spring collection ${LINK} #Spring #OpenSource`,
    );
  });

  it('counts the link 23, however long it is', () => {
    const link = `https://example.com/${'a'.repeat(300)}/`;
    const title = 'x'.repeat(X_LIMIT - 1 - 23);
    expect(shareText(title, link, [])).toBe(`${title} ${link}`);
  });

  it('without hashtags: the title and the link', () => {
    expect(shareText('Hello', LINK, [])).toBe(`Hello ${LINK}`);
  });

  it('takes the hashtags that still fit, in order, skipping one too long for the rest', () => {
    // 244 + 1 + 23 leaves 12: " #Spring" (8), then " #OpenSource" (12) no longer fits, " #Go" (4) does.
    const title = `abcd${' abc'.repeat(60)}`;
    expect(xLength(title)).toBe(244);
    const text = shareText(title, LINK, ['#Spring', '#OpenSource', '#Go', '#X']);
    expect(text).toBe(`${title} ${LINK} #Spring #Go`);
    expect(xLength(title) + 1 + 23 + ' #Spring #Go'.length).toBe(X_LIMIT);
  });

  it('counts CJK hashtags 2 a character', () => {
    // 250 + 1 + 23 leaves 6: " #東京" weighs 1 + 1 + 4 = 6, " #大阪府" 8.
    const title = 'y'.repeat(250);
    expect(shareText(title, LINK, ['#大阪府', '#東京'])).toBe(`${title} ${LINK} #東京`);
  });

  it('gives a hashtag once, whatever its case', () => {
    expect(shareText('Hi', LINK, ['#Spring', '#spring', '#Go'])).toBe(`Hi ${LINK} #Spring #Go`);
  });

  it('a title too long is cut at the end of a whole word, with "…", leaving room for the link', () => {
    // 60 words of 5 letters. Room for the title: 280 - 24 = 256, "…" weighs 2: 42 words (251) fit.
    const title = Array(60).fill('alpha').join(' ');
    const cut = `${Array(42).fill('alpha').join(' ')}…`;
    expect(xLength(cut)).toBe(253);
    // 3 left: " #A" fits exactly, "#Spring" does not.
    expect(shareText(title, LINK, ['#Spring', '#A'])).toBe(`${cut} ${LINK} #A`);
  });

  it('drops the punctuation and spaces before the cut', () => {
    const title = Array(60).fill('alpha').join(', ');
    // "alpha, " is 7: 36 words end at 250, 37 at 257.
    expect(shareText(title, LINK, [])).toBe(`${Array(36).fill('alpha').join(', ')}… ${LINK}`);
    expect(shareText(`${'b'.repeat(250)} (${'c'.repeat(20)})`, LINK, [])).toBe(`${'b'.repeat(250)}… ${LINK}`);
  });

  it('cuts a Japanese title, written without spaces, between its words', () => {
    const sentence = '東京の新しいカフェで春のメニューが始まりました。'; // 24 characters, 48
    const title = sentence.repeat(10);
    // 254 before "…": five sentences (240), then 東京 (244), の (246), 新しい (252); カフェ would make 258.
    expect(shareText(title, LINK, ['#東京'])).toBe(`${sentence.repeat(5)}東京の新しい… ${LINK}`);
  });

  it('cuts a title with no space to cut at between characters, never inside an emoji', () => {
    expect(shareText('a'.repeat(300), LINK, [])).toBe(`${'a'.repeat(254)}… ${LINK}`);
    expect(shareText('👨‍👩‍👧'.repeat(200), LINK, [])).toBe(`${'👨‍👩‍👧'.repeat(127)}… ${LINK}`);
    // A first word that fits is kept whole rather than filled up with part of the next.
    expect(shareText(`Hi ${'a'.repeat(300)}`, LINK, [])).toBe(`Hi… ${LINK}`);
  });

  it('keeps a title that fits exactly; one character more is cut', () => {
    expect(shareText('a'.repeat(256), LINK, ['#A'])).toBe(`${'a'.repeat(256)} ${LINK}`);
    expect(shareText('a'.repeat(257), LINK, [])).toBe(`${'a'.repeat(254)}… ${LINK}`);
    expect(shareText('日'.repeat(128), LINK, [])).toBe(`${'日'.repeat(128)} ${LINK}`);
    expect(shareText('日'.repeat(129), LINK, [])).toBe(`${'日'.repeat(127)}… ${LINK}`);
  });

  it('counts a word in the title that X may take for a link as one', () => {
    // 252 characters, but "ASP.NET" may be a link to X (23 more): the title no longer fits in 256,
    // and is cut before its long last word.
    const title = `Why ASP.NET ${'z'.repeat(240)}`;
    expect(shareText(title, LINK, [])).toBe(`Why ASP.NET… ${LINK}`);
  });

  it('without a title: the link and hashtags; a link alone; nothing at all', () => {
    expect(shareText('', LINK, ['#Spring'])).toBe(`${LINK} #Spring`);
    expect(shareText('   ', LINK, [])).toBe(LINK);
    expect(shareText('', null, [])).toBe('');
  });

  it('without a link, the title may use all 280', () => {
    expect(shareText('a'.repeat(280), null, ['#A'])).toBe('a'.repeat(280));
    expect(shareText('a'.repeat(281), null, [])).toBe(`${'a'.repeat(278)}…`);
    expect(shareText('Hi', null, ['#A'])).toBe('Hi #A');
  });
});

describe('toHashtag, checked against twitter-text', () => {
  // What X links when the hashtag is posted: its own extraction, the whole tag or nothing.
  const linked = (hashtag: string) => twitter.extractHashtags(`${hashtag} `);

  it.each([
    ['हिन्दी', '#हिन्दी'],
    ['Cafe\u0301', '#Cafe\u0301'],
    ['Café', '#Café'],
    ['ภาษาไทย', '#ภาษาไทย'],
    ['می\u200cخواهم', '#می\u200cخواهم'],
    ['Open Source', '#OpenSource'],
    ['e-commerce', '#ecommerce'],
    ['Node.js', '#Nodejs'],
    ["Don't panic!", '#Dontpanic'],
    ['Launch 🚀', '#Launch'],
    ['❤️ Love', '#Love'],
    ['web_dev', '#web_dev'],
    ['l·l', '#l·l'],
    ['日本語', '#日本語'],
    ['WordPress 6.8', '#WordPress68'],
    ['2024 recap', '#2024recap'],
  ])('%s → %s, linked whole by X', (name, hashtag) => {
    expect(toHashtag(name)).toBe(hashtag);
    expect(linked(hashtag)).toEqual([hashtag.slice(1)]);
  });

  it.each([
    ['2024', 'digits alone'],
    ['2024-2025', 'digits and a dash'],
    ['c++', 'the pluses would go'],
    ['C#', 'the sharp would go'],
    ['R&D', 'the ampersand would go'],
    ['x²', 'the square would go'],
    ['50%', 'the percent would go'],
    ['🚀', 'an emoji alone'],
    ['', 'nothing'],
  ])('%s gives no hashtag (%s)', (name) => {
    expect(toHashtag(name)).toBe('');
  });

  it('leaves out exactly what X would not link or would link only in part', () => {
    for (const name of ['2024', 'c++', 'C#', 'x²']) {
      const naive = `#${name}`;
      expect(linked(naive)).not.toEqual([name]);
    }
  });

  it('the share text carries each hashtag whole', () => {
    const tags = ['हिन्दी', 'Cafe\u0301', 'c++', '2024', 'Open Source'].map(toHashtag).filter(Boolean);
    const text = shareText('Title', 'https://example.com/p/', tags);
    expect(twitter.extractHashtags(text)).toEqual(['हिन्दी', 'Cafe\u0301', 'OpenSource']);
  });
});
