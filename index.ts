// The app definition: authentication, the shared middlewares, and every trigger, action and search.
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import authentication from './src/authentication';
import { addBearerAndResolveRoute, handleWordPressResponse } from './src/wordpress';
import { triggers } from './src/triggers';
import { creates } from './src/creates';
import { searches } from './src/searches';

import { version } from './package.json';

const app = defineApp({
  version,
  platformVersion,
  authentication,
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [addBearerAndResolveRoute],
  afterResponse: [handleWordPressResponse],
  triggers,
  creates,
  searches,
});

// CommonJS export: Zapier's runtime and CLI load `module.exports` of dist/index.js.
export = app;
