import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { parseInline, parseMarkdown, safeHref } from './markdown';

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('note Markdown', () => {
  it('parses headings, paragraphs, lists and code blocks', () => {
    expect(parseMarkdown('# One\n## Two ##\ntext\nmore\n\n- a\n* b\n\n3. c\n4) d\n```\n<b>x</b>\n```')).toEqual([
      { t: 'h', level: 1, c: [{ t: 'text', v: 'One' }] },
      { t: 'h', level: 2, c: [{ t: 'text', v: 'Two' }] },
      { t: 'p', c: [{ t: 'text', v: 'text\nmore' }] },
      { t: 'ul', items: [[{ t: 'text', v: 'a' }], [{ t: 'text', v: 'b' }]] },
      { t: 'ol', start: 3, items: [[{ t: 'text', v: 'c' }], [{ t: 'text', v: 'd' }]] },
      { t: 'pre', v: '<b>x</b>' },
    ]);
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('#not a heading')).toEqual([{ t: 'p', c: [{ t: 'text', v: '#not a heading' }] }]);
  });

  it('parses bold, italic, code and links inline, and leaves snake_case and lone stars alone', () => {
    expect(parseInline('**bold *both* x** and _it_ `a*b*c` [site](https://example.org/x?a=1)')).toEqual([
      { t: 'strong', c: [{ t: 'text', v: 'bold ' }, { t: 'em', c: [{ t: 'text', v: 'both' }] }, { t: 'text', v: ' x' }] },
      { t: 'text', v: ' and ' },
      { t: 'em', c: [{ t: 'text', v: 'it' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'a*b*c' },
      { t: 'text', v: ' ' },
      { t: 'link', c: [{ t: 'text', v: 'site' }], href: 'https://example.org/x?a=1', raw: 'https://example.org/x?a=1' },
    ]);
    expect(parseInline('snake_case_name and 2 * 3 * 4')).toEqual([{ t: 'text', v: 'snake_case_name and 2 * 3 * 4' }]);
  });

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>x</script>', '//evil.example', 'vbscript:x', 'file:///etc/passwd', 'http//nope'])(
    'keeps no address that is not http(s): %s',
    (url) => {
      expect(safeHref(url)).toBeUndefined();
      const out = html(`[click](${url})`);
      expect(out).not.toContain('href');
      expect(out).not.toContain('<a');
    },
  );

  it('renders as elements: markup and script in a note show as text', () => {
    const evil = '<script>alert(1)</script> <img src=x onerror=alert(1)> **<b>bold</b>**\n\n# <i>t</i>\n- <a href="javascript:x">y</a>';
    const out = html(evil);
    expect(out).not.toMatch(/<script|<img|<b>|<i>|<a /);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<strong>&lt;b&gt;bold&lt;/b&gt;</strong>');
    expect(out).toContain('<h3 class="md-h1">&lt;i&gt;t&lt;/i&gt;</h3>');
    expect(out).toContain('<li>&lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt;</li>');
  });

  it('renders a safe link to open in a new tab without the opener', () => {
    expect(html('see [the paper](https://arxiv.org/abs/1611.07004)')).toBe(
      '<div class="md"><p>see <a class="nodrag" href="https://arxiv.org/abs/1611.07004" target="_blank" rel="noopener noreferrer nofollow" title="https://arxiv.org/abs/1611.07004">the paper</a></p></div>',
    );
    expect(html('[x](ftp://host/f)')).toBe('<div class="md"><p>x (ftp://host/f)</p></div>');
  });
});
