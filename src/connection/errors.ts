// WordPress's refusals turned into errors a Zapier user can act on. WordPress answers every REST
// failure with `{code, message, data: {status, params, details}}`; the code, not the message (which
// is translated and often HTML), decides what we say. docs/wordpress.md lists the codes.
import { errors } from 'zapier-platform-core';
import { ErrorContext, commentMessages as cm, codeMessages as m, commentRef, invalidInput, postRef } from './messages';
import { stripTags } from '../wordpress/text';

/** WordPress's error envelope. */
export interface WordPressErrorBody {
  code: string;
  message: string;
  data?: {
    status?: number;
    params?: Record<string, string> | string[];
    details?: Record<string, { code?: string; message?: string; data?: { status?: number } | null }>;
    [k: string]: unknown;
  } | null;
}

/** A mistake in the Zap's input or the connection form, found before or without WordPress. */
export class UserInputError extends errors.Error {
  constructor(message: string, code = 'invalid_input') {
    super(message, code, 400);
  }
}

/** An error WordPress reported, with our message for it. `wpCode` is WordPress's own code. */
export class WordPressError extends errors.Error {
  constructor(
    message: string,
    public readonly wpCode: string,
    public readonly httpStatus: number,
    /** WordPress's envelope, when there was one: operations read `data.details` for a sharper message. */
    public readonly body?: WordPressErrorBody,
  ) {
    super(message, wpCode, httpStatus);
  }
}

/** The message a user reads: Zapier's errors keep `{message, code, status}` as JSON in `message`. */
export function userMessageOf(err: Error): string {
  try {
    const parsed = JSON.parse(err.message) as { message?: unknown };
    if (typeof parsed?.message === 'string') return parsed.message;
  } catch {
    // a plain message
  }
  return err.message;
}

/** Parses a body as WordPress's error envelope, or returns undefined. */
export function parseErrorBody(content: string | undefined): WordPressErrorBody | undefined {
  if (!content) return undefined;
  try {
    const body: unknown = JSON.parse(content);
    if (body && typeof body === 'object' && typeof (body as WordPressErrorBody).code === 'string') {
      return body as WordPressErrorBody;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

export function looksLikeHtml(content: string | undefined, contentType?: string | null): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return !!content && /^\s*(<!doctype|<html|<\?xml|<head|<body)/i.test(content);
}

/** True when the error is WordPress's refusal with one of these codes. */
export function isWordPressCode(err: unknown, ...codes: string[]): err is WordPressError {
  return err instanceof WordPressError && codes.includes(err.wpCode);
}

/** What WordPress said about the `status` argument inside a 400 `rest_invalid_param`, if anything. */
export function statusParamDetail(err: unknown): { code?: string; data?: { status?: number } | null } | undefined {
  if (!isWordPressCode(err, 'rest_invalid_param')) return undefined;
  return err.body?.data?.details?.status;
}

/** WordPress's 400 for a `status` the user may not read: `rest_invalid_param` with `rest_forbidden_status` inside. */
export function isForbiddenStatus(err: unknown): boolean {
  return statusParamDetail(err)?.code === 'rest_forbidden_status';
}

/** WordPress's own message as a quoted tail: ` WordPress said: "…".`, or ''. */
export function wordpressSaid(body: Pick<WordPressErrorBody, 'message'> | undefined): string {
  const text = stripTags(body?.message ?? '').replace(/[.!]+$/, '');
  return text ? ` WordPress said: "${text}".` : '';
}

/**
 * `rest_invalid_param` and `rest_missing_callback_param` in words, naming each field by the label
 * the Zap editor shows when `labels` knows WordPress's parameter (`featured_media` → Featured Image).
 */
export function invalidParamsMessage(body: WordPressErrorBody, labels: Record<string, string> = {}): string {
  const params = body.data?.params;
  const details = body.data?.details ?? {};
  const label = (name: string) => {
    const base = name.replace(/\[.*$/, '').split('.')[0] ?? name;
    return labels[base] ? `${labels[base]} (${name})` : name;
  };
  const complaints = !params
    ? []
    : Array.isArray(params)
      ? params.map((name) => `${label(name)} is missing`)
      : Object.entries(params).map(
          ([name, msg]) => `${label(name)}: ${stripTags(details[name]?.message ?? String(msg)).replace(/[.!]+$/, '')}`,
        );
  if (!complaints.length) complaints.push(stripTags(body.message ?? '').replace(/[.!]+$/, '') || 'invalid input');
  return invalidInput(complaints);
}

type Sentence = (context: ErrorContext) => string;

/** WordPress's codes, and the sentence each gets wherever the operation has none of its own. */
const SENTENCE_FOR: Record<string, Sentence> = {
  jwt_auth_bad_config: m.secretKeyMissing,
  '[jwt_auth] invalid_username': m.unknownLogin,
  '[jwt_auth] invalid_email': m.unknownLogin,
  '[jwt_auth] incorrect_password': m.wrongPassword,
  '[jwt_auth] empty_username': m.emptyUsername,
  '[jwt_auth] empty_password': m.emptyPassword,
  // Useful Team's JWT Auth passes WordPress's login codes on unprefixed.
  invalid_username: m.unknownLogin,
  invalid_email: m.unknownLogin,
  incorrect_password: m.wrongPassword,
  empty_username: m.emptyUsername,
  empty_password: m.emptyPassword,
  jwt_auth_no_auth_header: m.authorizationStripped,
  jwt_auth_bad_auth_header: m.badAuthorizationHeader,
  rest_no_route: m.noRoute,
  rest_not_logged_in: m.notLoggedIn,
  rest_forbidden: m.notLoggedIn,
  rest_cannot_access: m.notLoggedIn,
  ...Object.fromEntries(
    [
      'rest_cannot_create',
      'rest_cannot_edit',
      'rest_cannot_edit_others',
      'rest_cannot_publish',
      'rest_cannot_assign_sticky',
      'rest_cannot_assign_term',
      'rest_cannot_create_user',
      'rest_cannot_edit_roles',
      'rest_user_cannot_view',
      'rest_forbidden_context',
      'rest_forbidden_status',
      'rest_forbidden_orderby',
      'rest_cannot_delete',
      'rest_cannot_view',
      'rest_cannot_read',
    ].map((code) => [code, m.notAllowed]),
  ),
  rest_post_invalid_id: m.noSuchPost,
  rest_user_invalid_id: m.noSuchUser,
  rest_term_invalid: m.noSuchTerm,
  rest_term_invalid_id: m.noSuchTerm,
  existing_user_login: m.usernameTaken,
  existing_user_email: m.emailTaken,
  rest_user_invalid_email: m.emailRefused,
  // One code for two things (`check_role_update`): 400 for a role that does not exist, 401/403 for a
  // role the connected user may not give, a permission.
  rest_user_invalid_role: (c) => (c.status === 400 ? m.unknownRole(c) : m.roleNotAllowed(c)),
  rest_user_invalid_argument: m.usernameRefused,
  rest_user_invalid_username: m.usernameRefused,
  rest_user_invalid_password: m.passwordRefused,
  rest_upload_sideload_error: m.uploadFailed,
  rest_upload_unknown_error: m.uploadFailed,
  rest_post_invalid_page_number: m.pastTheEnd,
  rest_type_invalid: m.unknownPostType,
  // Comments (WordPress 6.1's comments controller and wp_allow_comment).
  rest_comment_invalid_id: () => cm.noComment(commentRef()),
  rest_comment_invalid_post_id: () => cm.noPost(postRef()),
  rest_comment_closed: () => cm.closed(postRef()),
  comment_closed: () => cm.closed(postRef()),
  rest_comment_draft_post: () => cm.unpublishedPost(postRef(), 'a draft'),
  rest_comment_trash_post: () => cm.unpublishedPost(postRef(), 'in the trash'),
  rest_cannot_read_post: () => cm.postUnreadable(postRef()),
  comment_duplicate: cm.duplicate,
  comment_flood: () => cm.flood(),
  rest_comment_content_invalid: cm.emptyContent,
  comment_content_column_length: (c) => cm.tooLong(c.said),
  // Not core WordPress: plugins and newer editors that check a reply's parent use it.
  rest_comment_invalid_parent: (c) =>
    `Reply To: WordPress refused the comment it replies to.${c.said} Pick the comment from the dropdown, or leave Reply To empty.`,
  rest_comment_invalid_status: () => cm.moderationNeeded('set the status of a comment') + ' Or leave Status empty.',
  rest_already_trashed: () => cm.alreadyTrashed(commentRef()),
  rest_trash_not_supported: cm.trashOff,
};

/**
 * Our message for a WordPress error. WordPress's own message follows as plain text (it often
 * carries HTML); the caller removes the password and token. `write`: the request was not a GET, so
 * a failure may have come after WordPress saved it.
 */
export function explainWordPressError(body: WordPressErrorBody, status: number, write = false): string {
  if (body.code === 'rest_invalid_param' || body.code === 'rest_missing_callback_param') {
    return invalidParamsMessage(body);
  }
  const context: ErrorContext = { code: body.code, status, said: wordpressSaid(body), write };
  const sentence = SENTENCE_FOR[body.code] ?? (status >= 500 ? m.serverError : m.refused);
  return sentence(context);
}

/** An operation's own sentence for a code (it knows which field and which post), or undefined to keep ours. */
export type Rewording = string | ((err: WordPressError) => string | undefined);

/**
 * The error with the operation's own message for its code. `status` lets a user mistake that
 * WordPress reports as HTTP 500 (a duplicate username) read as the 400 it is.
 */
export function reword(err: unknown, sentences: Record<string, Rewording>, status?: Record<string, number>): unknown {
  if (!(err instanceof WordPressError)) return err;
  const entry = sentences[err.wpCode];
  const message = typeof entry === 'function' ? entry(err) : entry;
  if (!message) return err;
  return new WordPressError(message, err.wpCode, status?.[err.wpCode] ?? err.httpStatus, err.body);
}

/**
 * Removes secrets from a text. WordPress quotes input in some messages (and plugins may quote
 * anything), so no message is trusted to be free of the token or a password. Zapier's errors hold
 * their message as JSON, so each secret's JSON-escaped form goes too.
 */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join('[hidden]');
  }
  return out;
}
