/**
 * Mentions on Data Center and old Server pages (`ri:userkey`, `ri:username`) read as `[@Name](confluence-user:…)`
 * links whose URL keeps the kind of identifier, so the writer restores the same `ri:user` attribute.
 */
import { collectReferences, markdownToStorage, storageToMarkdown } from './index';
import type { UserRef } from './types';

const mention = (attribute: string, value: string) => `<ac:link><ri:user ${attribute}="${value}"/></ac:link>`;
const BY_KEY = mention('ri:userkey', '8a7f808a5b1c2d3e');
const BY_NAME = mention('ri:username', 'bob smith@example.com');
const BY_ID = mention('ri:account-id', '557058:ab-c');

describe('Data Center and Server mentions', () => {
  it('ask the resolver with the identifier and its kind, and show the display name', () => {
    const asked: Array<[string, UserRef]> = [];
    const names: Record<string, string> = { '8a7f808a5b1c2d3e': 'Bob Key', 'bob smith@example.com': 'Bob Name' };
    const { markdown, warnings } = storageToMarkdown(`<p>${BY_KEY} and ${BY_NAME}</p>`, {
      resolveUser: (id, ref) => {
        asked.push([id, ref]);
        return names[id];
      },
    });
    expect(markdown).toBe('[@Bob Key](confluence-user:key:8a7f808a5b1c2d3e) and [@Bob Name](confluence-user:username:bob%20smith%40example.com)\n');
    expect(asked).toEqual([
      ['8a7f808a5b1c2d3e', { userKey: '8a7f808a5b1c2d3e' }],
      ['bob smith@example.com', { username: 'bob smith@example.com' }],
    ]);
    expect(warnings).toEqual([]);
  });

  it('fall back to the identifier without a resolver', () => {
    expect(storageToMarkdown(`<p>${BY_KEY}</p>`).markdown).toBe('[@8a7f808a5b1c2d3e](confluence-user:key:8a7f808a5b1c2d3e)\n');
  });

  it('keep working with a resolver written for account ids only', () => {
    const accountIdsOnly = (accountId: string) => (accountId === '557058:ab-c' ? 'Ann Lee' : undefined);
    const { markdown, warnings } = storageToMarkdown(`<p>${BY_ID} ${BY_KEY}</p>`, { resolveUser: accountIdsOnly });
    expect(markdown).toBe('[@Ann Lee](confluence-user:557058:ab-c) [@8a7f808a5b1c2d3e](confluence-user:key:8a7f808a5b1c2d3e)\n');
    expect(warnings).toEqual([{ kind: 'unresolved-link', message: 'Users without a display name shown by id', count: 1 }]);
  });

  it('are written back with the attribute they were read from', () => {
    const storage = `<p>${BY_KEY} ${BY_NAME} ${BY_ID}</p>`;
    const { markdown } = storageToMarkdown(storage, { resolveUser: () => 'Someone' });
    expect(markdownToStorage(markdown)).toEqual({ storage, warnings: [] });
  });

  it('read the prefixes case-insensitively and keep an account id that looks like one as an account id', () => {
    expect(markdownToStorage('[@x](confluence-user:KEY:abc) [@y](confluence-user:UserName:bob)').storage).toBe(
      `<p>${mention('ri:userkey', 'abc')} ${mention('ri:username', 'bob')}</p>`,
    );
    const odd = `<p>${mention('ri:account-id', 'key:odd')}</p>`;
    const { markdown } = storageToMarkdown(odd);
    expect(markdown).toBe('[@key:odd](confluence-user:key%3Aodd)\n');
    expect(markdownToStorage(markdown).storage).toBe(odd);
  });

  it('keep only their text when the identifier is empty', () => {
    const result = markdownToStorage('[@Nobody](confluence-user:key:)');
    expect(result.storage).toBe('<p>@Nobody</p>');
    expect(result.warnings.map((w) => w.kind)).toEqual(['unresolved-link']);
  });

  it('work inside HTML tables too', () => {
    const storage = `<table><tbody><tr><td colspan="2"><p>${BY_KEY}</p></td></tr></tbody></table>`;
    const { markdown } = storageToMarkdown(storage, { resolveUser: () => 'Bob Key' });
    expect(markdown).toContain('<a href="confluence-user:key:8a7f808a5b1c2d3e">@Bob Key</a>');
    expect(markdownToStorage(markdown).storage).toContain(BY_KEY);
  });

  it('are listed by collectReferences by kind, as the resolver will be asked', () => {
    const both = '<ac:link><ri:user ri:account-id="a1" ri:userkey="k0"/></ac:link>';
    expect(collectReferences(`<p>${BY_KEY}${BY_NAME}${BY_KEY}${both}</p>`)).toEqual({
      accountIds: ['a1'],
      userKeys: ['8a7f808a5b1c2d3e'],
      usernames: ['bob smith@example.com'],
      pages: [],
      attachments: [],
    });
  });
});
