// Every create of the app, keyed as Zapier knows it.
import type { Create } from 'zapier-platform-core';

export const creates: Record<string, Create> = {};
