// Every searche of the app, keyed as Zapier knows it.
import type { Search } from 'zapier-platform-core';

export const searches: Record<string, Search> = {};
