// What an operation returns, declared once: each field's key, its label in the Zap editor, its type
// and its sample value. Zapier wants the labelled fields and a static sample with the same keys;
// both are derived from the one list, so they cannot drift apart.

type OutputType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';

export interface OutputField {
  /** Zapier's notation: `a__b` is `a.b`, `a[]` a list. */
  key: string;
  label: string;
  type?: OutputType;
  sample: unknown;
}

export interface Output<T> {
  outputFields: Array<{ key: string; label: string; type?: OutputType }>;
  sample: T;
}

/**
 * The labelled fields and the sample of an output. `T` is the output's type: the unit tests check
 * that the sample has exactly the keys the operation's mapping produces.
 */
export function defineOutput<T>(fields: OutputField[]): Output<T> {
  const sample: Record<string, unknown> = {};
  for (const field of fields) {
    const path = field.key.replace(/\[\]$/, '').split('__');
    const last = path.pop() as string;
    let node = sample;
    for (const part of path) node = (node[part] ??= {}) as Record<string, unknown>;
    node[last] = field.sample;
  }
  return {
    outputFields: fields.map(({ key, label, type }) => (type ? { key, label, type } : { key, label })),
    sample: sample as T,
  };
}

/**
 * The output of a write: what was written, and `warnings`, one sentence per thing WordPress left
 * out although it was sent (a failed step after a saved write would be written again on replay).
 */
export function defineWriteOutput<T>(fields: OutputField[], sampleWarning: string): Output<T & { warnings: string[] }> {
  return defineOutput([...fields, { key: 'warnings[]', label: 'Warnings', sample: [sampleWarning] }]);
}
