import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const task = (id: number, status: 'complete' | 'incomplete', body: string) =>
  `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;

describe('task lists -> ac:task-list', () => {
  it('writes statuses and numbers tasks from 1', () => {
    expect(toStorage('- [ ] open\n- [x] done\n- [X] also *done*')).toBe(
      `<ac:task-list>${task(1, 'incomplete', 'open')}${task(2, 'complete', 'done')}` +
        `${task(3, 'complete', 'also <em>done</em>')}</ac:task-list>`,
    );
  });

  it('numbers across the whole page and nests task lists in the task body', () => {
    expect(toStorage('- [ ] a\n  - [x] b\n\ntext\n\n* [ ] c')).toBe(
      `<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>` +
        `<ac:task-body>a<ac:task-list>${task(2, 'complete', 'b')}</ac:task-list></ac:task-body></ac:task></ac:task-list>` +
        `<p>text</p><ac:task-list>${task(3, 'incomplete', 'c')}</ac:task-list>`,
    );
  });

  it('writes the first paragraph of a loose item without <p>, later blocks with', () => {
    expect(toStorage('- [ ] first\n\n  second\n- [x] third')).toBe(
      `<ac:task-list>${task(1, 'incomplete', 'first<p>second</p>')}${task(2, 'complete', 'third')}</ac:task-list>`,
    );
  });

  it('keeps links and mentions in task bodies', () => {
    expect(toStorage('- [ ] ask [@Ann](confluence-user:557058:abc) about [Plan](confluence-page:Plan)')).toBe(
      `<ac:task-list>${task(
        1,
        'incomplete',
        'ask <ac:link><ri:user ri:account-id="557058:abc"/></ac:link> about ' +
          '<ac:link><ri:page ri:content-title="Plan"/><ac:plain-text-link-body><![CDATA[Plan]]></ac:plain-text-link-body></ac:link>',
      )}</ac:task-list>`,
    );
  });

  it('accepts an empty task', () => {
    expect(toStorage('- [ ]\n- [x] y')).toBe(`<ac:task-list>${task(1, 'incomplete', '')}${task(2, 'complete', 'y')}</ac:task-list>`);
  });

  it('keeps a list that mixes tasks and plain items as a list, with a warning', () => {
    const result = markdownToStorage('- [ ] task\n- plain');
    expect(result.storage).toBe('<ul><li>[ ] task</li><li>plain</li></ul>');
    expect(result.warnings).toEqual([
      {
        kind: 'formatting-dropped',
        message: 'a list that mixes task items and plain items keeps its task markers as text',
        count: 1,
      },
    ]);
  });

  it('does not treat ordered lists, missing spaces or other brackets as tasks', () => {
    expect(toStorage('1. [ ] one')).toBe('<ol><li>[ ] one</li></ol>');
    expect(toStorage('- [x]y')).toBe('<ul><li>[x]y</li></ul>');
    expect(toStorage('- [-] z')).toBe('<ul><li>[-] z</li></ul>');
  });
});
