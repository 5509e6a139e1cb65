// Text and dates as WordPress gives them: entities decoded (strictly, as WordPress writes them),
// tags stripped, HTML to text with paragraph breaks, `*_gmt` dates with a zone.
import {
  comparable,
  comparableTitle,
  decodeEntities,
  gmtToIso,
  htmlToText,
  localToIso,
  stripTags,
} from '../../../src/wordpress/text';

describe('text and dates', () => {
  it('decodes every HTML 4 named entity, case-sensitively', () => {
    expect(decodeEntities('Caf&eacute; &Eacute;t&eacute; &euml; &szlig; &AMP; &nbsp;&ne; &bogus;')).toBe(
      'Café Été ë ß & \u00a0≠ &bogus;',
    );
  });
  it('decodes entities WordPress emits', () => {
    expect(decodeEntities('What&#8217;s new &amp; hot &#x1F600; &hellip; &unknown;')).toBe(
      'What’s new & hot 😀 … &unknown;',
    );
  });
  it('decodes only entities with their ";", as WordPress writes them', () => {
    expect(decodeEntities('AT&T &copy2026 R&amp;D &AMP; &copy;')).toBe('AT&T &copy2026 R&D & ©');
  });
  it('strips tags to one line', () => {
    expect(
      stripTags(
        '<strong>Error:</strong> The password you entered for the username <b>edith</b> is incorrect. <a href="x">Lost your password?</a>',
      ),
    ).toBe('Error: The password you entered for the username edith is incorrect. Lost your password?');
  });
  it.each<[string, string]>([
    ['A<B & C>D', 'A<B & C>D'],
    ['A<B &#038; C>D', 'A<B & C>D'],
    ['Why 2<3 but 5>4', 'Why 2<3 but 5>4'],
    ['x<y and z>w', 'x<y and z>w'],
    ['i <3 u, a < b > c', 'i <3 u, a < b > c'],
    ['Less &lt; more &amp; then some', 'Less < more & then some'],
    ['<em>Bold</em> move', 'Bold move'],
    ['a<b>c</b>', 'ac'],
    ['<a href="https://x.test/?a=1&amp;b=2" class=link>Link</a> <br /><img src="a.png" alt=\'b\'/>!', 'Link !'],
    ['<!-- wp:heading -->Title<!-- /wp:heading -->', 'Title'],
  ])('strips only real markup: %j reads %j', (html, text) => {
    expect(stripTags(html)).toBe(text);
  });
  it('turns HTML into text with paragraph breaks and no block comments or scripts', () => {
    const html =
      '<!-- wp:paragraph -->\n<p>Hello <em>world</em> &amp; friends</p>\n<!-- /wp:paragraph --><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Bye<br>now</p>';
    expect(htmlToText(html)).toBe('Hello world & friends\n\n• One\n• Two\n\nBye\nnow');
    // wpautop's `<br />` is followed by the newline that was typed: one line break.
    expect(htmlToText('<p>Love it.<br />\nWill it come in navy?</p>\n')).toBe('Love it.\nWill it come in navy?');
    expect(htmlToText('')).toBe('');
    expect(htmlToText(undefined)).toBe('');
  });
  it('compares names without case, entities or extra spaces', () => {
    expect(comparable('  R&amp;D\u00a0 News ')).toBe('r&d news');
    expect(comparable('Cafe\u0301')).toBe(comparable('Café'));
  });
  // Typed titles, and what WordPress 6.1 shows for them in `title.rendered` (seen on the bench; an
  // Author's `&` and `<` are stored as entities, an Editor's are not, and both forms must match).
  it.each<[string, string]>([
    ['Don\'t "miss" it -- now...', 'Don&#8217;t &#8220;miss&#8221; it &#8212; now&#8230;'],
    ['a--b a---b a----b a - b a -- b a --- b', 'a&#8211;b a&#8212;b a&#8212;-b a &#8211; b a &#8212; b a &#8212; b'],
    ['-- start, end -', '&#8212; start, end &#8211;'],
    ['- start, end --, xn--p1ai', '&#8211; start, end &#8211;, xn--p1ai'],
    ["5' 6\" ``tex'' '90s", '5&#8242; 6&#8243; &#8220;tex&#8221; &#8217;90s'],
    ['Widget (TM) 1x2', 'Widget &#8482; 1&#215;2'],
    ['„Anführung“ ‚einfach‘', '"Anführung" \'einfach\''],
    ['A & B < C', 'A &#038; B &lt; C'],
  ])('puts a typed title and the title WordPress shows for it in one form: %j', (typed, shown) => {
    expect(comparableTitle(typed)).toBe(comparableTitle(shown));
  });
  it('keeps what texturizing does not explain apart', () => {
    expect(comparableTitle('a-b')).not.toBe(comparableTitle('a b'));
    // WordPress shows these differently (- – —), so they are different titles.
    expect(comparableTitle('a-b')).not.toBe(comparableTitle('a--b'));
    expect(comparableTitle('a--b')).not.toBe(comparableTitle('a---b'));
    expect(comparableTitle('a - b')).not.toBe(comparableTitle('a -- b'));
    expect(comparableTitle('a – b')).not.toBe(comparableTitle('a — b'));
    expect(comparableTitle("don't")).not.toBe(comparableTitle('dont'));
    expect(comparableTitle('Now...')).not.toBe(comparableTitle('Now.'));
    expect(comparableTitle('Now…')).toBe('now...');
    // × and ™ only where WordPress puts them: between two numbers, and after a space.
    expect(comparableTitle('2x4 boards')).toBe(comparableTitle('2×4 boards'));
    expect(comparableTitle('Matrix AxB')).not.toBe(comparableTitle('Matrix A×B'));
    expect(comparableTitle('Brand(tm)')).not.toBe(comparableTitle('Brand™'));
  });
  it('gives GMT dates a zone and local dates their offset', () => {
    expect(gmtToIso('2026-03-14T08:30:00')).toBe('2026-03-14T08:30:00+00:00');
    expect(gmtToIso(null)).toBeNull();
    expect(gmtToIso('0000-00-00T00:00:00')).toBeNull();
    expect(localToIso('2026-03-14T09:30:00', '2026-03-14T08:30:00')).toBe('2026-03-14T09:30:00+01:00');
    expect(localToIso('2026-03-14T03:00:00', '2026-03-14T08:30:00')).toBe('2026-03-14T03:00:00-05:30');
    expect(localToIso(null, '2026-03-14T08:30:00')).toBe('2026-03-14T08:30:00+00:00');
  });
});
