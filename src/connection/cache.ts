// Zapier's cache (z.cache) as the app uses it: a miss, a broken store and a missing one (`zapier
// invoke` has no cache) all read as "not cached", and a failed write is forgotten. Nothing the app
// keeps there is the only copy of anything: WordPress is asked again.
import type { ZObject } from 'zapier-platform-core';

export async function cacheGet<T>(
  z: ZObject,
  key: string | undefined,
  valid: (value: Partial<T>) => boolean,
): Promise<T | undefined> {
  return (await cacheRead(z, key, valid)).value;
}

/** The same, telling a miss (`available`) from a store that cannot answer (`zapier invoke`). */
export async function cacheRead<T>(
  z: ZObject,
  key: string | undefined,
  valid: (value: Partial<T>) => boolean,
): Promise<{ value?: T; available: boolean }> {
  if (!key) return { available: false };
  try {
    const value = (await z.cache.get(key)) as T | null;
    return { value: value && typeof value === 'object' && valid(value) ? value : undefined, available: true };
  } catch {
    return { available: false };
  }
}

export async function cacheSet(z: ZObject, key: string | undefined, value: object, ttlSeconds: number): Promise<void> {
  if (!key) return;
  try {
    await z.cache.set(key, value, ttlSeconds);
  } catch {
    // no store: the next run asks WordPress again
  }
}

export async function cacheDelete(z: ZObject, key: string | undefined): Promise<void> {
  if (!key) return;
  try {
    await z.cache.delete(key);
  } catch {
    // nothing to forget
  }
}
