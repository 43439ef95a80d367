import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKnowledgeFiles, parseKnowledgeFolder, parseKnowledgeText, chunkArticle } from './index.ts';
import { readKnowledgeUpload, uploadProblem } from './upload.ts';
import { sections, splitSentences } from './chunk.ts';
import { parseFrontMatter } from './markdown.ts';
import { htmlToText } from './html.ts';

describe('knowledge loaders', () => {
  it('reads JSONL and reports bad lines with their number', () => {
    const r = parseKnowledgeText('{"id":"a","title":"A","body":"x"}\nnot json\n{"id":"b","title":"B"}\n', 'kb.jsonl');
    expect(r.articles.map((a) => a.id)).toEqual(['a']);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(r.errors[1].why).toContain('body');
  });
  it('reads Markdown front matter (inline and dash lists)', () => {
    const fm = parseFrontMatter(
      '---\ntitle: "Refunds"\ntags: [billing, money]\nexamples:\n  - can I get my money back\n  - refund please\n---\nBody text',
    );
    expect(fm.data).toEqual({ title: 'Refunds', tags: ['billing', 'money'], examples: ['can I get my money back', 'refund please'] });
    const r = parseKnowledgeText('# Heading title\n\nSome body.', 'docs/My Page.md');
    expect(r.articles[0]).toMatchObject({ id: 'my-page', title: 'Heading title' });
  });
  it('reads HTML pages without scripts and navigation', () => {
    const html =
      '<html lang="fr"><head><title>Livraison &amp; retours</title><script>x()</script></head><body><nav>menu</nav><main><h1>Livraison</h1><p>Sous 3&nbsp;jours.</p><ul><li>A</li><li>B</li></ul></main></body></html>';
    const r = parseKnowledgeText(html, 'livraison.html');
    expect(r.articles[0]).toMatchObject({ id: 'livraison', title: 'Livraison & retours', locale: 'fr' });
    expect(r.articles[0].body).not.toContain('menu');
    expect(htmlToText('<p>a</p><p>b</p>')).toBe('a\nb');
  });
  it('reads nested tags as a browser does: a nav inside a nav, an article inside an article', () => {
    expect(htmlToText('<body><nav><div><nav>Inner</nav>Menu link</div></nav><p>Hello</p></body>')).toBe('Hello');
    const page = parseKnowledgeText(
      '<html><body><header>Shop</header><article><h1>Returns</h1><section><article>Related: Shipping</article></section><p>Within 30 days.</p></article></body></html>',
      'returns.html',
    );
    expect(page.articles[0]).toMatchObject({ title: 'Returns', body: 'Returns\nRelated: Shipping\nWithin 30 days.' });
    expect(htmlToText('<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>&euro;9</td></tr></table>')).toBe(
      'Plan\nPrice\nPro\n€9',
    );
  });
  it('reads a Zendesk Help Center export', () => {
    const z = JSON.stringify({
      articles: [
        {
          id: 360001,
          title: 'Reset password',
          body: '<p>Click <b>Reset</b>.</p>',
          html_url: 'https://x.zendesk.com/hc/articles/360001',
          locale: 'en-us',
          label_names: ['account'],
        },
        { id: 2, html_url: 'u', title: '', body: '' },
      ],
    });
    const r = parseKnowledgeText(z, 'export.json');
    expect(r.articles[0]).toMatchObject({ id: '360001', body: 'Click Reset.', tags: ['account'] });
    expect(r.errors).toHaveLength(1);
  });
  it('loads a folder: bad files reported, the rest loaded, duplicate ids caught', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.md'), '---\nid: a\ntitle: A\n---\nBody A');
    writeFileSync(join(dir, 'sub', 'b.html'), '<title>B</title><p>Body B</p>');
    writeFileSync(join(dir, 'broken.json'), '{oops');
    writeFileSync(join(dir, 'dup.md'), '---\nid: a\ntitle: Again\n---\nBody');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const r = await parseKnowledgeFolder(dir);
    expect(r.articles.map((a) => a.id).sort()).toEqual(['a', 'b']);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['broken.json', 'dup.md']);
  });
  it('reports every bad JSONL line once, with a reason a person can act on', () => {
    const lines = [
      '{"id":"a","title":"A","body":"x"}',
      '{"id":"b","title":"","body":"y","url":"javascript:alert(1)"}',
      '',
      'not json',
      '{"id":"a","title":"Again","body":"z"}',
      '{"title":"No id","body":"w"}',
      '{"id":"c","title":"C","body":"ok"}',
    ];
    const r = parseKnowledgeText(lines.join('\n'), 'kb.jsonl');
    expect(r.articles.map((a) => a.id)).toEqual(['a', 'c']);
    expect(r.errors.map((e) => [e.line, e.why])).toEqual([
      [2, 'title: is empty; url: must be an http(s) link or a relative path'],
      [4, expect.stringMatching(/^not valid JSON/)],
      [5, 'id "a" is already used on line 1'],
      [6, 'id: is missing'],
    ]);
  });
  it('refuses non-http(s) links in every format', () => {
    for (const [text, path] of [
      ['---\nurl: javascript:alert(1)\n---\n# T\n\nBody', 'x.md'],
      ['[{"id":"x","title":"T","body":"B","url":"data:text/html,hi"}]', 'x.json'],
      ['{"id":"x","title":"T","body":"B","url":"JAVASCRIPT:alert(1)"}', 'x.jsonl'],
      ['{"id":"x","title":"T","body":"B","url":"java\\tscript:alert(1)"}', 'x.jsonl'],
      ['{"id":"x","title":"T","body":"B","url":"https://"}', 'x.jsonl'],
    ]) {
      const r = parseKnowledgeText(text!, path!);
      expect([path, r.articles.length, r.errors[0]?.why]).toEqual([path, 0, 'url: must be an http(s) link or a relative path']);
    }
  });
  it("keeps a help centre's own relative paths and absolute http(s) links", () => {
    for (const url of ['docs/widget.md', '/help/refunds', '../faq#returns', 'https://help.example.com/a?b=1', 'HTTP://x.test']) {
      const r = parseKnowledgeText(JSON.stringify({ id: 'x', title: 'T', body: 'B', url }), 'x.jsonl');
      expect([url, r.errors]).toEqual([url, []]);
      expect(r.articles[0]?.url).toBe(url);
    }
  });
  it('reads an upload body as the same files would be read', () => {
    const md = '---\ntags: [store]\n---\n# Opening hours\n\nWe open at 9.\n\n# Holidays\n\nClosed on 25 December.';
    const asFiles = readKnowledgeUpload({ files: [{ name: 'Opening Hours.md', text: md }] });
    expect(asFiles).toEqual(parseKnowledgeFiles([{ path: 'Opening Hours.md', text: md }]));
    // One file, one article; its headings cut passages, not articles.
    expect(asFiles.articles.map((a) => a.id)).toEqual(['opening-hours']);
    expect(chunkArticle(asFiles.articles[0]!).map((p) => p.heading)).toEqual(['Opening hours', 'Holidays']);
    const jsonl = '{"id":"a","title":"A","body":"x"}\n{"id":"a","title":"B","body":"y"}';
    expect(readKnowledgeUpload(jsonl).errors.map(uploadProblem)).toEqual([
      { file: 'upload.jsonl', line: 2, message: 'id "a" is already used on line 1' },
    ]);
    const listed = readKnowledgeUpload({ articles: [{ id: 'a', title: 'A', body: 'x' }, { id: 'b' }] });
    expect(listed.errors.map(uploadProblem)).toEqual([
      { file: 'articles.json', article: 2, message: 'title: is missing; body: is missing' },
    ]);
  });
});

describe('chunker', () => {
  it('splits long bodies into passages under the word budget, keeping sentences whole', () => {
    const body = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} has exactly seven words.`).join(' ');
    const ps = chunkArticle({ id: 'x', title: 'X', body }, { maxWords: 50 });
    expect(ps.length).toBeGreaterThan(3);
    expect(ps.every((p) => p.text.split(' ').length <= 50)).toBe(true);
    expect(ps[1].id).toBe('x#1');
  });

  it('cuts at Markdown headings: passages carry their heading and never straddle two', () => {
    const body = [
      'Fastify takes options.',
      '',
      '### `bodyLimit`',
      '<a id="body-limit"></a>',
      '',
      '+ Default: `1048576` (1MiB)',
      '',
      'Defines the maximum payload the server accepts.',
      '',
      '```js',
      '# a shell comment, not a heading',
      'fastify({ bodyLimit: 1 })',
      '```',
      '',
      'Timeouts',
      '--------',
      'The server waits 10 seconds.',
    ].join('\n');
    const ps = chunkArticle({ id: 'server', title: 'Server', body });
    expect(ps.map((p) => p.heading)).toEqual([null, 'bodyLimit', 'Timeouts']);
    expect(ps[0].text).toBe('Fastify takes options.');
    expect(ps[1].text).toContain('Defines the maximum payload');
    expect(ps[1].text).toContain('# a shell comment');
    // Anchors carry no words; heading lines are not quotable sentences.
    expect(ps.flatMap((p) => p.sentences).some((s) => s.includes('<a id') || s.startsWith('###'))).toBe(false);
    expect(ps[2].sentences).toEqual(['The server waits 10 seconds.']);
  });

  it('holds the words a reader sees: no Markdown marks, a numbered step one sentence', () => {
    const body =
      'Returns are **free**: see the [guide](https://x.test/g).\n\n1. Pack the item. Use tape.\n2. Post it\n\n* Keep the receipt';
    expect(chunkArticle({ id: 'r', title: 'Returns', body })[0].sentences).toEqual([
      'Returns are free: see the guide (https://x.test/g).',
      '1. Pack the item.',
      'Use tape.',
      '2. Post it',
      '- Keep the receipt',
    ]);
  });

  it('leaves plain text without headings as it was', () => {
    const body = 'Opening hours\nWe open at 9 a.m. Closed on Sundays.\n\n1. Bring an ID\n2. Pay the fee';
    expect(sections(body)).toEqual([{ heading: null, text: body }]);
    expect(chunkArticle({ id: 'h', title: 'Hours', body })[0].sentences).toEqual(splitSentences(body));
  });
});
