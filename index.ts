// The app definition: authentication, the middlewares, and every trigger, action and search.
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import authentication from './src/connection/authentication';
import { addBearerToken, handleWordPressResponse } from './src/connection/middleware';
import { triggers } from './src/triggers';
import { creates } from './src/creates';
import { searches } from './src/searches';

import { version } from './package.json';

const app = defineApp({
  version,
  platformVersion,
  authentication,
  // Otherwise Zapier throws its own "The server returned 429" before handleWordPressResponse runs.
  // Ours names the site, treats a 503 with Retry-After the same way, and lets the login explain a 429.
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [addBearerToken],
  afterResponse: [handleWordPressResponse],
  triggers,
  creates,
  searches,
  // Find or Create: Zapier runs the search and, only when it finds nothing, the create.
  searchOrCreates: {
    find_user: {
      key: 'find_user',
      display: {
        label: 'Find or Create User',
        description:
          'Finds a user by exact email or username, and creates one when there is none (for CRM and membership sync).',
      },
      search: 'find_user',
      create: 'create_user',
    },
    find_post: {
      key: 'find_post',
      display: {
        label: 'Find or Create Post',
        description: 'Finds a post by ID, slug, exact title or search words, and creates one when there is none.',
      },
      search: 'find_post',
      create: 'create_post',
    },
    find_term: {
      key: 'find_term',
      display: {
        label: 'Find or Create Term',
        description:
          'Finds a category, tag or term of a custom taxonomy by exact name or slug, and creates one when there is none.',
      },
      search: 'find_term',
      create: 'create_term',
    },
  },
});

// CommonJS export: Zapier's runtime and CLI load `module.exports` of dist/index.js.
export = app;
