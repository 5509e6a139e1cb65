// The readers of a Zap's input: their edge cases (each operation's tests cover the rest).
import { isBlank, optionalBoolean, optionalDate, optionalList } from '../../src/input';

const f = (key: string) => ({ key, label: key.toUpperCase() });

describe('input readers', () => {
  it('dates: leap days, midnight, fractional seconds, zones', () => {
    expect(optionalDate({ d: '2028-02-29' }, f('d'))).toEqual({ date: '2028-02-29T00:00:00' });
    expect(() => optionalDate({ d: '2027-02-29' }, f('d'))).toThrow(/2027-02-29.{0,2} is not a date/);
    expect(optionalDate({ d: '2026-05-01T23:59:59.999+14:00' }, f('d'))).toEqual({ date_gmt: '2026-05-01T09:59:59' });
    expect(optionalDate({ d: 1777629600 }, f('d'))).toEqual({ date_gmt: '2026-05-01T10:00:00' });
    expect(() => optionalDate({ d: true }, f('d'))).toThrow(/D: expects a date, got boolean/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).toThrow(/is not a date/);
    expect(() => optionalDate({ d: 'x'.repeat(5000) }, f('d'))).not.toThrow(/x{61}/);
  });

  it('booleans and blanks', () => {
    expect(optionalBoolean({ b: 'Yes' }, f('b'))).toBe(true);
    expect(optionalBoolean({ b: 0 }, f('b'))).toBe(false);
    expect(optionalBoolean({ b: ' ' }, f('b'))).toBeUndefined();
    expect(isBlank([' ', null])).toBe(true);
    expect(isBlank(0)).toBe(false);
  });

  it('lists: duplicates and blanks dropped, numbers kept as text, commas kept unless asked', () => {
    expect(optionalList({ l: ['a', ' a ', 3, '', null] }, f('l'), { maxItemLength: 10 })).toEqual(['a', '3']);
    expect(optionalList({ l: 'x, y' }, f('l'), { maxItemLength: 10 })).toEqual(['x, y']);
    expect(optionalList({ l: [] }, f('l'), { maxItemLength: 10 })).toBeUndefined();
  });

  it.each<[string, unknown, string[]]>([
    ['one text', 'a, b,, a ,c', ['a', 'b', 'c']],
    ['a list of that one text (a single mapped value)', ['a, b'], ['a', 'b']],
    ['one text among blank items', ['', 'a, b', ' '], ['a', 'b']],
    ['a real list: its items as they are', ['News', 'Foo, Bar'], ['News', 'Foo, Bar']],
    ['a real list of numbers and text', ['1, 2', 3], ['1, 2', '3']],
  ])('lists with splitCommas: %s', (_name, value, expected) => {
    expect(optionalList({ l: value }, f('l'), { splitCommas: true, maxItemLength: 10 })).toEqual(expected);
  });
});
