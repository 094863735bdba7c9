import { currentVersion } from '../model';
import { generateWorld } from './generate';
import { storageToPlainText } from './index';

describe('storageToPlainText', () => {
  it('strips tags and decodes entities, one line per block', () => {
    expect(storageToPlainText('<h1>Release&nbsp;process</h1><p>Q&amp;A &lt;today&gt; &rsquo;n&#x1F642; &#233;</p><ul><li>a</li><li>b</li></ul>')).toBe(
      'Release process\nQ&A <today> \u2019n🙂 é\na\nb',
    );
  });

  it('keeps code and link text, drops metadata', () => {
    const storage =
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">python</ac:parameter><ac:parameter ac:name="title">retry.py</ac:parameter><ac:plain-text-body><![CDATA[x = a && b]]></ac:plain-text-body></ac:structured-macro>' +
      '<p>See <ac:link><ri:page ri:content-title="On-call rota" /></ac:link> or <ac:link><ri:page ri:content-title="X" /><ac:plain-text-link-body><![CDATA[the docs]]></ac:plain-text-link-body></ac:link>.</p>' +
      '<p><ac:placeholder>Type here</ac:placeholder>Due <time datetime="2024-05-01" /></p>' +
      '<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Ship it</ac:task-body></ac:task></ac:task-list>' +
      '<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>';
    expect(storageToPlainText(storage)).toBe('retry.py\nx = a && b\nSee On-call rota or the docs.\nDue 2024-05-01\nShip it\na b');
  });

  it('returns searchable text for generated pages', () => {
    const world = generateWorld({ spaces: 1, pagesPerSpace: 40, seed: 8 });
    for (const p of world.pages.values()) {
      const text = storageToPlainText(currentVersion(p).body);
      expect(text).not.toMatch(/<\/?(ac|ri|p|h\d|table)[\s:>]/);
      expect(text).not.toMatch(/&(amp|lt|gt|quot);/);
      expect(text.length).toBeGreaterThan(50);
    }
    for (const c of world.comments.values()) {
      if (c.inline) expect(storageToPlainText(currentVersion(world.pages.get(c.pageId) ?? { versions: [] } as never).body)).toContain(c.inline.textSelection);
    }
  });
});
