// What a Zapier user would read of an error, for unit and end-to-end tests alike.

/** The message inside Zapier's error wrappers (AppError and ThrottledError carry JSON in `message`). */
export function userMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  try {
    const parsed = JSON.parse(message) as { message?: string };
    if (parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // a plain message
  }
  return message;
}

/** Runs `fn`, expects it to throw, returns the error (fails the test if it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, but the call succeeded');
}
