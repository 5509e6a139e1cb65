// Every trigger of the app, keyed as Zapier knows it.
import type { Trigger } from 'zapier-platform-core';

export const triggers: Record<string, Trigger> = {};
