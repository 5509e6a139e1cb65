// A WordPress user as the REST API gives it in the edit context, and as our trigger, actions and
// searches output it for CRM sync.
import { absoluteUrl, decodeEntities, htmlToText } from './wordpress';

export interface WPUser {
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
].join(',');

/** Emails, names and roles are only in the edit context, which needs `list_users`. */
export const USER_QUERY = { context: 'edit', _fields: USER_FIELDS } as const;

export interface UserOutput {
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
}

export function toUserOutput(user: WPUser, siteUrl: string): UserOutput {
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
    link: absoluteUrl(user.link, siteUrl),
    avatar_url: largest !== undefined ? (avatars[String(largest)] ?? null) : null,
    avatar_urls: avatars,
  };
}

export const userOutputFields = [
  { key: 'id', label: 'User ID', type: 'integer' },
  { key: 'username', label: 'Username' },
  { key: 'email', label: 'Email' },
  { key: 'first_name', label: 'First Name' },
  { key: 'last_name', label: 'Last Name' },
  { key: 'name', label: 'Display Name' },
  { key: 'nickname', label: 'Nickname' },
  { key: 'slug', label: 'Slug' },
  { key: 'roles[]', label: 'Roles' },
  { key: 'role', label: 'Main Role' },
  { key: 'registered_date', label: 'Registration Date', type: 'datetime' },
  { key: 'url', label: 'Website' },
  { key: 'description', label: 'Biographical Info' },
  { key: 'locale', label: 'Language' },
  { key: 'link', label: 'Profile URL' },
  { key: 'avatar_url', label: 'Avatar URL (Largest)' },
  { key: 'avatar_urls__24', label: 'Avatar URL (24px)' },
  { key: 'avatar_urls__48', label: 'Avatar URL (48px)' },
  { key: 'avatar_urls__96', label: 'Avatar URL (96px)' },
] as const;

export const userSample: UserOutput = {
  id: 42,
  username: 'jane.doe',
  email: 'jane.doe@example.com',
  first_name: 'Jane',
  last_name: 'Doe',
  name: 'Jane Doe',
  nickname: 'jane.doe',
  slug: 'jane-doe',
  roles: ['subscriber'],
  role: 'subscriber',
  registered_date: '2026-03-14T08:30:00+00:00',
  url: 'https://janedoe.example.org',
  description: 'Gardener and weekend baker.',
  locale: 'en_US',
  link: 'https://example.com/author/jane-doe/',
  avatar_url:
    'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=96&d=mm&r=g',
  avatar_urls: {
    '24': 'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=24&d=mm&r=g',
    '48': 'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=48&d=mm&r=g',
    '96': 'https://secure.gravatar.com/avatar/0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b?s=96&d=mm&r=g',
  },
};
