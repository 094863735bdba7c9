import { PageRef, StorageReferences } from '../types';
import { decodeEntities } from './entities';
import { attributeValue, scanStartTag } from './scanner';

/**
 * Lists what a page's storage refers to (users mentioned by account id, user key or user name; linked pages;
 * attachments), in first-seen order without duplicates, so callers can resolve names and URLs before calling
 * `storageToMarkdown` (whose resolvers are synchronous). Looks at start tags only, in one linear pass; references
 * inside placeholders count too.
 */
export function collectReferences(storage: string): StorageReferences {
  const accountIds = new Set<string>();
  const userKeys = new Set<string>();
  const usernames = new Set<string>();
  const pages = new Map<string, PageRef>();
  const attachments = new Set<string>();
  let pos = storage.indexOf('<ri:');
  while (pos >= 0) {
    const tag = scanStartTag(storage, pos);
    if (tag === 'eof') break;
    const value = (name: string) => {
      const raw = tag && attributeValue(tag.attributes, name);
      return raw === undefined || raw === null ? undefined : decodeEntities(raw).trim();
    };
    if (tag?.name === 'ri:user') {
      // The kind the reader shows (account id first): the one its resolver will be asked about.
      const id = value('ri:account-id');
      const key = id ? undefined : value('ri:userkey');
      const username = id || key ? undefined : value('ri:username');
      if (id) accountIds.add(id);
      else if (key) userKeys.add(key);
      else if (username) usernames.add(username);
    } else if (tag?.name === 'ri:page') {
      const title = value('ri:content-title');
      const spaceKey = value('ri:space-key') || undefined;
      if (title) pages.set(`${spaceKey ?? ''}\u0000${title}`, spaceKey ? { spaceKey, title } : { title });
    } else if (tag?.name === 'ri:attachment') {
      const filename = value('ri:filename');
      if (filename) attachments.add(filename);
    }
    pos = storage.indexOf('<ri:', tag ? tag.end : pos + 1);
  }
  return { accountIds: [...accountIds], userKeys: [...userKeys], usernames: [...usernames], pages: [...pages.values()], attachments: [...attachments] };
}
