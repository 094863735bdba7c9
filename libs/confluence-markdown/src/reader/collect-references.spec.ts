import { collectReferences } from './collect-references';
import { storageToMarkdown } from './storage-to-markdown';

describe('collectReferences', () => {
  const storage =
    '<p><ac:link><ri:user ri:account-id="u1"/></ac:link> <ac:link><ri:user ri:account-id="u1" /></ac:link> <ac:link><ri:user ri:account-id="u2"></ri:user></ac:link></p>' +
    '<p><ac:link><ri:page ri:content-title="Tom &amp; Jerry"/></ac:link> <ac:link><ri:page ri:space-key="OPS" ri:content-title="Runbook"/></ac:link></p>' +
    '<ac:structured-macro ac:name="include"><ac:parameter ac:name=""><ac:link><ri:page ri:space-key="OPS" ri:content-title="Runbook"/></ac:link></ac:parameter></ac:structured-macro>' +
    '<p><ac:image><ri:attachment ri:filename="a.png"/></ac:image><ac:link><ri:attachment ri:filename="b.pdf"/></ac:link></p>' +
    '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[<ri:user ri:account-id="in-code"/>]]></ac:plain-text-body></ac:structured-macro>';

  it('lists account ids, pages and attachments once each, in order, entities decoded', () => {
    expect(collectReferences(storage)).toEqual({
      accountIds: ['u1', 'u2', 'in-code'],
      userKeys: [],
      usernames: [],
      pages: [{ title: 'Tom & Jerry' }, { spaceKey: 'OPS', title: 'Runbook' }],
      attachments: ['a.png', 'b.pdf'],
    });
  });

  it('finds what the conversion asks the resolvers for', () => {
    const asked: string[] = [];
    storageToMarkdown(storage, {
      resolveUser: (id) => (asked.push(`user ${id}`), undefined),
      resolvePageUrl: (ref) => (asked.push(`page ${ref.spaceKey ?? ''}/${ref.title}`), undefined),
      resolveAttachmentUrl: (file) => (asked.push(`attachment ${file}`), undefined),
    });
    const { accountIds, pages, attachments } = collectReferences(storage);
    const collected = [...accountIds.map((id) => `user ${id}`), ...pages.map((p) => `page ${p.spaceKey ?? ''}/${p.title}`), ...attachments.map((f) => `attachment ${f}`)];
    expect(collected).toEqual(expect.arrayContaining([...new Set(asked)]));
  });

  it('survives cut-off markup', () => {
    expect(collectReferences('<ri:user ri:account-id="x"/><ri:user ri:account-id="')).toEqual({ accountIds: ['x'], userKeys: [], usernames: [], pages: [], attachments: [] });
  });
});
