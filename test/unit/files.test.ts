// Files for the media library: the names WordPress accepts, and the name a download announces.
import { filenameFromDisposition, safeFilename } from '../../src/files';

describe('file names', () => {
  it.each<[string | undefined, string, string, string]>([
    ['photo.jpg', 'image/jpeg', 'x', 'photo.jpg'],
    ['photo.jpeg', 'image/jpeg', 'x', 'photo.jpeg'],
    ['photo', 'image/png', 'x', 'photo.png'],
    ['photo.txt', 'image/png', 'x', 'photo.png'],
    ['Crème brûlée 🚀.png', 'image/png', 'x', 'Creme-brulee.png'],
    ['..\\..\\evil".png', 'image/png', 'x', 'evil.png'],
    ['🚀🚀.gif', 'image/gif', 'Mon Titre', 'Mon-Titre.gif'],
    [undefined, 'image/webp', '', 'file.webp'],
    ['a'.repeat(300) + '.png', 'image/png', 'x', `${'a'.repeat(80)}.png`],
    ['data.bin', 'application/x-unknown', 'x', 'data.bin'],
  ])('%s (%s) → %s', (name, type, fallback, expected) => {
    expect(safeFilename(name, type, fallback)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('reads Content-Disposition in its plain and RFC 5987 forms', () => {
    expect(filenameFromDisposition('attachment; filename="a b.png"')).toBe('a b.png');
    expect(filenameFromDisposition('inline; filename=plain.jpg')).toBe('plain.jpg');
    expect(filenameFromDisposition('attachment; filename="fallback.png"; filename*=UTF-8\'\'%C3%A9t%C3%A9.png')).toBe(
      'été.png',
    );
    expect(filenameFromDisposition('attachment')).toBeUndefined();
    expect(filenameFromDisposition(undefined)).toBeUndefined();
  });
});
