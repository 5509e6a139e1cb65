import { customFieldInput, hasCustomInput, readCustomValues, toYmd } from '../../../src/zap/custom_fields';
import { readSchema } from '../../../src/wordpress/schema';
import { caught, userMessage } from '../helpers';
import { BOOK_SCHEMA } from '../fixtures';

const schema = readSchema(BOOK_SCHEMA, ['genre']);
const field = (key: string) => schema.fields.find((f) => f.key === key)!;
const read = (input: Record<string, unknown>) => readCustomValues(input, schema);
const refusal = async (input: Record<string, unknown>) => userMessage(await caught(async () => read(input)));

describe('the inputs', () => {
  it('types each field for the Zap editor, with the description as help', () => {
    expect(customFieldInput(field('meta__pages'))).toMatchObject({
      key: 'meta__pages',
      label: 'Pages',
      type: 'integer',
    });
    expect(customFieldInput(field('meta__isbn')).helpText).toContain('The ISBN-13 of the edition.');
    expect(customFieldInput(field('acf__price'))).toMatchObject({ type: 'number' });
    expect(customFieldInput(field('acf__in_stock'))).toMatchObject({ type: 'boolean' });
    expect(customFieldInput(field('acf__format'))).toMatchObject({
      choices: [
        { value: 'paperback', label: 'paperback', sample: 'paperback' },
        { value: 'hardcover', label: 'hardcover', sample: 'hardcover' },
        { value: 'ebook', label: 'ebook', sample: 'ebook' },
      ],
    });
    expect(customFieldInput(field('acf__cover'))).toMatchObject({ type: 'file' });
    expect(customFieldInput(field('meta__tags_list'))).toMatchObject({ list: true });
    for (const f of schema.fields) expect(customFieldInput(f).required).toBe(false);
  });
});

describe('reading the values, before any request', () => {
  it('sends each value as WordPress and ACF take it', () => {
    expect(
      read({
        meta__isbn: ' 978-3-16-148410-0 ',
        meta__pages: '412',
        meta__tags_list: 'a, b',
        acf__price: '1,299.50',
        acf__in_stock: 'yes',
        acf__format: 'EBOOK',
        acf__release_date: '2024-03-15T10:00:00+02:00',
        acf__cover: '55',
        acf__website: 'example.com/x',
        acf__contact: 'a@example.com',
      }),
    ).toEqual({
      meta: { isbn: '978-3-16-148410-0', pages: 412, tags_list: ['a', 'b'] },
      acf: {
        price: 1299.5,
        in_stock: true,
        format: 'ebook',
        release_date: '20240315',
        cover: 55,
        website: 'https://example.com/x',
        contact: 'a@example.com',
      },
      uploads: [],
    });
  });

  it('leaves empty fields out: an update keeps their values', () => {
    expect(read({ meta__pages: '', acf__price: '  ', acf__format: [] })).toEqual({ meta: {}, acf: {}, uploads: [] });
  });

  it('an image given as a link is uploaded first', () => {
    expect(read({ acf__cover: 'https://cdn.example.org/c.png' }).uploads).toEqual([
      { field: field('acf__cover'), url: 'https://cdn.example.org/c.png' },
    ]);
  });

  it('names the field and the type it expects for a wrong value', async () => {
    expect(await refusal({ meta__pages: 'three hundred' })).toBe('Pages expects a whole number; got "three hundred".');
    expect(await refusal({ meta__pages: '4.5' })).toBe('Pages expects a whole number; got "4.5".');
    expect(await refusal({ acf__price: 'cheap' })).toBe('Price expects a number; got "cheap".');
    expect(await refusal({ acf__in_stock: 'maybe' })).toBe('In Stock expects yes or no; got "maybe".');
    expect(await refusal({ acf__format: 'scroll' })).toBe(
      'Format expects one of paperback, hardcover, ebook; got "scroll".',
    );
    expect(await refusal({ acf__release_date: '2024-02-30' })).toBe(
      'Release Date expects a date (such as 2024-03-15); got "2024-02-30".',
    );
    expect(await refusal({ acf__release_date: 'next tuesday' })).toBe(
      'Release Date expects a date (such as 2024-03-15); got "next tuesday".',
    );
    expect(await refusal({ acf__contact: 'nobody' })).toMatch(/^Contact: "nobody" is not an email address/);
  });
});

describe('dates as ACF keeps them (Ymd)', () => {
  const date = field('acf__release_date');
  it.each([
    ['2024-03-15', '20240315'],
    ['20240315', '20240315'],
    ['2024/03/15', '20240315'],
    ['2024-03-15 23:30:00', '20240315'],
    ['March 15, 2024', '20240315'],
    ['15 March 2024', '20240315'],
  ])('%s → %s', (given, ymd) => {
    expect(toYmd(date, given)).toBe(ymd);
  });
});

it('a form with a value in a field it does not list itself has custom input', () => {
  const known = new Set(['title', 'post_type']);
  expect(hasCustomInput({ title: 'x', post_type: 'book' }, known)).toBe(false);
  expect(hasCustomInput({ title: 'x', genres: '' }, known)).toBe(false);
  expect(hasCustomInput({ title: 'x', meta__pages: '3' }, known)).toBe(true);
});
