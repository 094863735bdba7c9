import { toStorage } from './spec-helpers';

const status = (params: string) => `<ac:structured-macro ac:name="status">${params}</ac:structured-macro>`;
const p = (name: string, value: string) => `<ac:parameter ac:name="${name}">${value}</ac:parameter>`;

describe('inline directives', () => {
  it(':status[TITLE]{colour} -> status macro', () => {
    expect(toStorage('State: :status[In progress]{colour="Yellow"} and :status[Done]')).toBe(
      `<p>State: ${status(p('title', 'In progress') + p('colour', 'Yellow'))} and ${status(p('title', 'Done'))}</p>`,
    );
  });

  it('passes other status attributes through as parameters, in order', () => {
    expect(toStorage(':status[X]{colour="Red" subtle="true"}')).toBe(
      `<p>${status(p('title', 'X') + p('colour', 'Red') + p('subtle', 'true'))}</p>`,
    );
  });

  it('writes a status without title for :status[]', () => {
    expect(toStorage(':status[]{colour="Grey"}')).toBe(`<p>${status(p('colour', 'Grey'))}</p>`);
  });

  it('decodes escapes in labels and values, and escapes them for XML', () => {
    expect(toStorage(':status[\\[WIP\\] <a> & b]{colour="R\\"d"}')).toBe(
      `<p>${status(p('title', '[WIP] &lt;a&gt; &amp; b') + p('colour', 'R"d'))}</p>`,
    );
  });

  it(':jira[KEY]{server serverId} -> jira macro', () => {
    expect(toStorage('See :jira[PROJ-123]{server="System JIRA" serverId="abc-1"}.')).toBe(
      '<p>See <ac:structured-macro ac:name="jira">' +
        `${p('key', 'PROJ-123')}${p('server', 'System JIRA')}${p('serverId', 'abc-1')}</ac:structured-macro>.</p>`,
    );
    expect(toStorage(':jira[AB-1]')).toBe(`<p><ac:structured-macro ac:name="jira">${p('key', 'AB-1')}</ac:structured-macro></p>`);
  });

  it(':time[DATE] -> <time datetime>', () => {
    expect(toStorage('Due :time[2024-05-01].')).toBe('<p>Due <time datetime="2024-05-01"/>.</p>');
  });

  it('leaves escaped, glued, unclosed, empty and unknown directives as text', () => {
    expect(
      toStorage('\\:status[a] x:status[b] :status[c :status[d]{colour="x} :jira[] :time[] :unknown[e] :status[f\ng]'),
    ).toBe('<p>:status[a] x:status[b] :status[c :status[d]{colour="x} :jira[] :time[] :unknown[e] :status[f\ng]</p>');
  });

  it('works inside emphasis, tables and links', () => {
    expect(toStorage('*:time[2024-01-02]*')).toBe('<p><em><time datetime="2024-01-02"/></em></p>');
    expect(toStorage('| s |\n| - |\n| :status[OK] |')).toBe(
      `<table><tbody><tr><th>s</th></tr><tr><td>${status(p('title', 'OK'))}</td></tr></tbody></table>`,
    );
  });

  it('does not read directives inside code', () => {
    expect(toStorage('`:status[x]`')).toBe('<p><code>:status[x]</code></p>');
  });
});
