// Text and dates as WordPress gives them: entities decoded (strictly, as WordPress writes them),
// tags stripped, HTML to text with paragraph breaks, `*_gmt` dates with a zone.
import { decodeEntities, gmtToIso, htmlToText, localToIso, stripTags } from '../../src/text';

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
  it('turns HTML into text with paragraph breaks and no block comments or scripts', () => {
    const html =
      '<!-- wp:paragraph -->\n<p>Hello <em>world</em> &amp; friends</p>\n<!-- /wp:paragraph --><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><p>Bye<br>now</p>';
    expect(htmlToText(html)).toBe('Hello world & friends\n\n• One\n• Two\n\nBye\nnow');
    expect(htmlToText('')).toBe('');
    expect(htmlToText(undefined)).toBe('');
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
