// The readers of a Zap's input: their edge cases (each operation's tests cover the rest).
import { isBlank, optionalBoolean, optionalList } from '../../../src/zap/input';

const f = (key: string) => ({ key, label: key.toUpperCase() });

describe('input readers', () => {
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
