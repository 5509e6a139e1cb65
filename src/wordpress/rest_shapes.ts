// Shapes WordPress's REST answers share across its objects: a rendered text field, and the author
// and post that `_embed` puts beside an item. Their own module, so that posts, comments and media
// items read them without importing one another.

export interface Rendered {
  rendered: string;
  raw?: string;
  protected?: boolean;
}

export interface WPEmbeddedAuthor {
  id: number;
  name: string;
  slug?: string;
  link?: string;
  avatar_urls?: Record<string, string>;
  code?: string;
}

/** The post a comment belongs to, as `_embed=up` gives it (embed context; an error object when unreadable). */
export interface WPEmbeddedPost {
  id?: number;
  link?: string;
  title?: Rendered;
  code?: string;
}
