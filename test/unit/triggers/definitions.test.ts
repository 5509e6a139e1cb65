// What Zapier shows for the visible triggers: labels, "Triggers when …", a static sample whose
// fields are exactly the labelled output fields.
import app from '../../../index';

/** Sample keys the way Zapier names output fields: `a__b` for nested objects, `a[]` for lists. */
function flatKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? flatKeys(value as Record<string, unknown>, `${prefix}${key}__`)
      : [`${prefix}${key}${Array.isArray(value) ? '[]' : ''}`],
  );
}

describe.each(['new_post', 'new_or_updated_post', 'new_user'])('%s', (key) => {
  const trigger = app.triggers![key];

  it('is visible, labelled, and says when it triggers', () => {
    expect(trigger.key).toBe(key);
    expect(trigger.display.hidden).toBeFalsy();
    expect(trigger.display.label).toBeTruthy();
    expect(trigger.display.description).toMatch(/^Triggers when .+\.$/);
    expect(trigger.operation.type).toBe('polling');
  });

  it('has a static sample with exactly the labelled output fields', () => {
    const fields = trigger.operation.outputFields as Array<{ key: string; label?: string }>;
    const sample = trigger.operation.sample as Record<string, unknown>;
    expect(flatKeys(sample).sort()).toEqual(fields.map((f) => f.key).sort());
    for (const field of fields) expect(field.label).toBeTruthy();
  });

  it('labels every input field and makes none required', () => {
    for (const field of (trigger.operation.inputFields ?? []) as Array<{ label?: string; required?: boolean }>) {
      expect(field.label).toBeTruthy();
      expect(field.required).toBe(false);
    }
  });
});

it('New Post and New or Updated Post say what the issue asks', () => {
  expect(app.triggers!.new_post.display.description).toBe('Triggers when a new post is published.');
  expect(app.triggers!.new_or_updated_post.display.description).toBe('Triggers when a post is published or updated.');
  expect(app.triggers!.new_user.display.description).toBe('Triggers when a new user registers.');
});
