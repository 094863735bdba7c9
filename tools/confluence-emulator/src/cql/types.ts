/** One searchable item, flattened from the emulator's world (or any plain record). */
export interface CqlDocument {
  id: string;
  type: 'page' | 'blogpost' | 'comment' | 'attachment' | 'space';
  spaceKey: string;
  title: string;
  /** Plain text of the body (tags stripped). */
  text: string;
  /** Label names. */
  labels: string[];
  /** All ancestors, root first. */
  ancestorIds: string[];
  parentId: string | null;
  /** Epoch milliseconds. */
  createdMs: number;
  /** Epoch milliseconds. */
  lastModifiedMs: number;
  creatorAccountId: string;
  contributorAccountIds: string[];
  status?: string;
}

/** Settings that real Confluence takes from the signed-in user and the clock. */
export interface CqlOptions {
  /** IANA zone in which date literals and `startOfDay()`-style functions are read. Default `UTC`. */
  timeZone?: string;
  /** Clock for `now()` and friends, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Account id that `currentUser()` stands for; without it `currentUser()` matches nobody (anonymous). */
  currentAccountId?: string;
  /** First day of the week for `startOfWeek()`: 0 = Sunday (Confluence's default locale) ... 6 = Saturday. */
  firstDayOfWeek?: number;
}

/** A query ready to run against documents. */
export interface CompiledCql {
  matches(doc: CqlDocument): boolean;
  /** Comparator for ORDER BY; `undefined` when the query has no ORDER BY. Ties compare as 0. */
  compare?: (a: CqlDocument, b: CqlDocument) => number;
  /** The normalized query text. */
  text: string;
}
