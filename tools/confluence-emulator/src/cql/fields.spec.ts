import { doc, ids } from './spec-helpers';

describe('CQL fields', () => {
  describe('type', () => {
    const docs = [
      doc({ id: '1', type: 'page' }),
      doc({ id: '2', type: 'blogpost' }),
      doc({ id: '3', type: 'comment' }),
      doc({ id: '4', type: 'attachment' }),
      doc({ id: '5', type: 'space' }),
    ];

    it('matches one type with = and the others with !=', () => {
      expect(ids('type = blogpost', docs)).toEqual(['2']);
      expect(ids('type != page', docs)).toEqual(['2', '3', '4', '5']);
    });

    it('takes lists with in and not in, ignoring the case of the value', () => {
      expect(ids('type in (page, "Attachment")', docs)).toEqual(['1', '4']);
      expect(ids('type not in (page, blogpost, comment)', docs)).toEqual(['4', '5']);
    });
  });

  describe('space', () => {
    const docs = [
      doc({ id: '1', spaceKey: 'DEV' }),
      doc({ id: '2', spaceKey: 'OPS' }),
      doc({ id: '3', spaceKey: '~u1' }),
    ];

    it('matches the space key, also spelled space.key', () => {
      expect(ids('space = DEV', docs)).toEqual(['1']);
      expect(ids('space.key = "OPS"', docs)).toEqual(['2']);
      expect(ids('space != DEV', docs)).toEqual(['2', '3']);
    });

    it('takes lists, and personal space keys in quotes', () => {
      expect(ids('space in ("DEV", "~u1")', docs)).toEqual(['1', '3']);
      expect(ids('space not in (DEV)', docs)).toEqual(['2', '3']);
    });
  });

  describe('title', () => {
    const docs = [
      doc({ id: '1', title: 'Configuration Guide' }),
      doc({ id: '2', title: 'Release notes 2024' }),
      doc({ id: '3', title: 'Guide to conferences' }),
      doc({ id: '4', title: 'Deconfiguring' }),
    ];

    it('= and != compare the whole title exactly', () => {
      expect(ids('title = "Configuration Guide"', docs)).toEqual(['1']);
      expect(ids('title = "configuration guide"', docs)).toEqual([]);
      expect(ids('title = "Configuration"', docs)).toEqual([]);
      expect(ids('title != "Configuration Guide"', docs)).toEqual(['2', '3', '4']);
      expect(ids('title in ("Release notes 2024", "Deconfiguring")', docs)).toEqual(['2', '4']);
    });

    it('~ finds whole words case-insensitively, all of them, in any order', () => {
      expect(ids('title ~ guide', docs)).toEqual(['1', '3']);
      expect(ids('title ~ "GUIDE configuration"', docs)).toEqual(['1']);
      expect(ids('title ~ "guide missing"', docs)).toEqual([]);
      expect(ids('title ~ config', docs)).toEqual([]);
      expect(ids('title ~ 2024', docs)).toEqual(['2']);
    });

    it('~ takes wildcards: conf* is a prefix, ? is one character', () => {
      expect(ids('title ~ "conf*"', docs)).toEqual(['1', '3']);
      expect(ids('title ~ "*guring"', docs)).toEqual(['4']);
      expect(ids('title ~ "not?s"', docs)).toEqual(['2']);
    });

    it('~ with an inner quoted phrase wants the words together and in order', () => {
      expect(ids('title ~ "\\"configuration guide\\""', docs)).toEqual(['1']);
      expect(ids('title ~ "\\"guide configuration\\""', docs)).toEqual([]);
    });

    it('!~ is the negation of ~', () => {
      expect(ids('title !~ "guide"', docs)).toEqual(['2', '4']);
    });

    it('~ with no words in the value matches nothing', () => {
      expect(ids('title ~ "!!"', docs)).toEqual([]);
      expect(ids('title !~ "!!"', docs)).toEqual(['1', '2', '3', '4']);
    });
  });

  describe('text', () => {
    const docs = [
      doc({ id: '1', title: 'Deploy', text: 'How to roll back a release.' }),
      doc({ id: '2', title: 'Rollback plan', text: 'Steps for the release.' }),
      doc({ id: '3', title: 'Other', text: 'Nothing here' }),
    ];

    it('searches title and body together; every word must be somewhere', () => {
      expect(ids('text ~ "release"', docs)).toEqual(['1', '2']);
      expect(ids('text ~ "deploy release"', docs)).toEqual(['1']);
      expect(ids('text ~ "rollback release"', docs)).toEqual(['2']);
      expect(ids('text !~ "release"', docs)).toEqual(['3']);
    });

    it('takes a phrase within one field only', () => {
      expect(ids('text ~ "\\"roll back\\""', docs)).toEqual(['1']);
      expect(ids('text ~ "\\"plan steps\\""', docs)).toEqual([]);
    });
  });

  describe('label', () => {
    const docs = [
      doc({ id: '1', labels: ['howto', 'ops'] }),
      doc({ id: '2', labels: ['ops'] }),
      doc({ id: '3', labels: [] }),
    ];

    it('= finds documents carrying the label, != those without it', () => {
      expect(ids('label = howto', docs)).toEqual(['1']);
      expect(ids('label = "HowTo"', docs)).toEqual(['1']);
      expect(ids('label != howto', docs)).toEqual(['2', '3']);
    });

    it('in wants any of the labels, not in none of them', () => {
      expect(ids('label in (howto, ops)', docs)).toEqual(['1', '2']);
      expect(ids('label not in (howto, ops)', docs)).toEqual(['3']);
    });

    it('several = clauses with AND need all labels', () => {
      expect(ids('label = howto and label = ops', docs)).toEqual(['1']);
    });
  });

  describe('ancestor and parent', () => {
    const docs = [
      doc({ id: '10', ancestorIds: [], parentId: null }),
      doc({ id: '11', ancestorIds: ['10'], parentId: '10' }),
      doc({ id: '12', ancestorIds: ['10', '11'], parentId: '11' }),
      doc({ id: '20', ancestorIds: [], parentId: null }),
    ];

    it('ancestor matches every descendant, not the page itself', () => {
      expect(ids('ancestor = 10', docs)).toEqual(['11', '12']);
      expect(ids('ancestor in (11, 99)', docs)).toEqual(['12']);
      expect(ids('ancestor != 10', docs)).toEqual(['10', '20']);
      expect(ids('ancestor not in (10, 11)', docs)).toEqual(['10', '20']);
    });

    it('parent matches direct children only', () => {
      expect(ids('parent = 10', docs)).toEqual(['11']);
      expect(ids('parent = "11"', docs)).toEqual(['12']);
      expect(ids('parent in (10, 11)', docs)).toEqual(['11', '12']);
      expect(ids('parent != 10', docs)).toEqual(['10', '12', '20']);
    });
  });

  describe('id and content', () => {
    const docs = [doc({ id: '1' }), doc({ id: '2' }), doc({ id: 'att3', type: 'attachment' })];

    it('match the content id, content being an alias of id', () => {
      expect(ids('id = 2', docs)).toEqual(['2']);
      expect(ids('content = "att3"', docs)).toEqual(['att3']);
      expect(ids('id != 1', docs)).toEqual(['2', 'att3']);
      expect(ids('id in (1, att3)', docs)).toEqual(['1', 'att3']);
      expect(ids('content not in (1, 2)', docs)).toEqual(['att3']);
    });
  });

  describe('creator and contributor', () => {
    const docs = [
      doc({ id: '1', creatorAccountId: 'alice', contributorAccountIds: ['bob'] }),
      doc({ id: '2', creatorAccountId: 'bob', contributorAccountIds: [] }),
      doc({ id: '3', creatorAccountId: 'carol', contributorAccountIds: ['carol', 'dave'] }),
    ];

    it('creator is the account that created the content', () => {
      expect(ids('creator = bob', docs)).toEqual(['2']);
      expect(ids('creator != bob', docs)).toEqual(['1', '3']);
      expect(ids('creator in (alice, carol)', docs)).toEqual(['1', '3']);
      expect(ids('creator = "557058:f00-ba4"', [doc({ id: '9', creatorAccountId: '557058:f00-ba4' })])).toEqual(['9']);
    });

    it('contributor is anyone who created or edited it', () => {
      expect(ids('contributor = bob', docs)).toEqual(['1', '2']);
      expect(ids('contributor = dave', docs)).toEqual(['3']);
      expect(ids('contributor not in (alice, dave)', docs)).toEqual(['2']);
    });

    it('currentUser() is the signed-in account, and nobody when anonymous', () => {
      expect(ids('creator = currentUser()', docs, { currentAccountId: 'carol' })).toEqual(['3']);
      expect(ids('contributor in (currentUser(), alice)', docs, { currentAccountId: 'dave' })).toEqual(['1', '3']);
      expect(ids('creator = currentUser()', docs)).toEqual([]);
      expect(ids('creator != currentUser()', docs, { currentAccountId: 'bob' })).toEqual(['1', '3']);
    });
  });

  it('field names are case-insensitive, as in lastModified or Label', () => {
    const docs = [doc({ id: '1', labels: ['a'], lastModifiedMs: Date.UTC(2024, 5, 1) }), doc({ id: '2' })];
    expect(ids('Label = a', docs)).toEqual(['1']);
    expect(ids('lastModified > "2024-05-01"', docs)).toEqual(['1']);
  });
});
