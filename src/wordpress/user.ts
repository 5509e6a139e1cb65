// A WordPress user as the REST API gives it in the edit context, and as our trigger, actions and
// searches output it for CRM sync.
import { CustomOutput, CustomParts, customOutput } from './custom_output';
import { OutputField, defineOutput } from './output';
import { LinkResolver, linkResolver } from '../connection/site';
import { decodeEntities, htmlToText } from './text';

export interface WPUser extends CustomParts {
  id: number;
  username?: string;
  name: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  url?: string;
  description?: string;
  link?: string;
  locale?: string;
  nickname?: string;
  slug?: string;
  roles?: string[];
  registered_date?: string;
  avatar_urls?: Record<string, string>;
  meta?: Record<string, unknown>;
}

/** Only what the output needs: sites add heavy fields to users too. */
export const USER_FIELDS = [
  'id',
  'username',
  'name',
  'first_name',
  'last_name',
  'email',
  'url',
  'description',
  'link',
  'locale',
  'nickname',
  'slug',
  'roles',
  'registered_date',
  'avatar_urls',
  'meta',
  'acf',
].join(',');

/** Emails, names and roles are only in the edit context, which needs `list_users`. */
export const USER_QUERY = { context: 'edit', _fields: USER_FIELDS } as const;

export type UserOutput = {
  id: number;
  username: string | null;
  email: string | null;
  first_name: string;
  last_name: string;
  name: string;
  nickname: string;
  slug: string | null;
  roles: string[];
  role: string | null;
  registered_date: string | null;
  url: string;
  description: string;
  locale: string | null;
  link: string | null;
  avatar_url: string | null;
  avatar_urls: Record<string, string>;
} & CustomOutput;

/** A user as we output it; a poll passes one link resolver for all its users. */
export function toUserOutput(user: WPUser, site: string | LinkResolver): UserOutput {
  const absolute = typeof site === 'string' ? linkResolver(site) : site;
  const avatars = user.avatar_urls ?? {};
  const largest = Object.keys(avatars)
    .map(Number)
    .sort((a, b) => b - a)[0];
  return {
    id: user.id,
    username: user.username ?? null,
    email: user.email ?? null,
    first_name: decodeEntities(user.first_name ?? ''),
    last_name: decodeEntities(user.last_name ?? ''),
    name: decodeEntities(user.name ?? ''),
    nickname: decodeEntities(user.nickname ?? ''),
    slug: user.slug ?? null,
    roles: user.roles ?? [],
    role: user.roles?.[0] ?? null,
    registered_date: user.registered_date ?? null,
    url: user.url ?? '',
    description: htmlToText(user.description ?? ''),
    locale: user.locale ?? null,
    link: absolute(user.link),
    avatar_url: largest !== undefined ? (avatars[String(largest)] ?? null) : null,
    avatar_urls: avatars,
    ...customOutput(user),
  };
}

/** What every operation that returns a user outputs, field by field (the writes add their warnings). */
export const USER_OUTPUT_FIELDS: OutputField[] = [
  { key: 'id', label: 'User ID', type: 'integer', sample: 42 },
  { key: 'username', label: 'Username', sample: 'jane.doe' },
  { key: 'email', label: 'Email', sample: 'jane.doe@example.com' },
  { key: 'first_name', label: 'First Name', sample: 'Jane' },
  { key: 'last_name', label: 'Last Name', sample: 'Doe' },
  { key: 'name', label: 'Display Name', sample: 'Jane Doe' },
  { key: 'nickname', label: 'Nickname', sample: 'jane.doe' },
  { key: 'slug', label: 'Slug', sample: 'jane-doe' },
  { key: 'roles[]', label: 'Roles', sample: ['subscriber'] },
  { key: 'role', label: 'Main Role', sample: 'subscriber' },
  { key: 'registered_date', label: 'Registration Date', type: 'datetime', sample: '2026-03-14T08:30:00+00:00' },
  { key: 'url', label: 'Website', sample: 'https://janedoe.example.org' },
  { key: 'description', label: 'Biographical Info', sample: 'Gardener and weekend baker.' },
  { key: 'locale', label: 'Language', sample: 'en_US' },
  { key: 'link', label: 'Profile URL', sample: 'https://example.com/author/jane-doe/' },
  {
    key: 'avatar_url',
    label: 'Avatar URL (Largest)',
    sample:
      'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=96&d=mm&r=g',
  },
  {
    key: 'avatar_urls__24',
    label: 'Avatar URL (24px)',
    sample:
      'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=24&d=mm&r=g',
  },
  {
    key: 'avatar_urls__48',
    label: 'Avatar URL (48px)',
    sample:
      'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=48&d=mm&r=g',
  },
  {
    key: 'avatar_urls__96',
    label: 'Avatar URL (96px)',
    sample:
      'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=96&d=mm&r=g',
  },
];

/** What every operation that returns a user outputs. */
export const userOutput = defineOutput<UserOutput>(USER_OUTPUT_FIELDS);
