// Every search of the app, keyed as Zapier knows it.
import type { Search } from 'zapier-platform-core';
import { findPost } from './find_post';
import { findTerm } from './find_term';
import { findUser } from './find_user';

export const searches: Record<string, Search> = {
  [findPost.key]: findPost,
  [findUser.key]: findUser,
  [findTerm.key]: findTerm,
};
