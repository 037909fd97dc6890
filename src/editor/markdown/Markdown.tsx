/** Renders parsed Markdown (markdown.ts) as React elements: text stays text, links open in a new tab. */
import { createElement, Fragment, memo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function inline(xs: readonly Inline[]): ReactNode[] {
  return xs.map((x, i) => {
    switch (x.t) {
      case 'text':
        return <Fragment key={i}>{x.v}</Fragment>;
      case 'code':
        return <code key={i}>{x.v}</code>;
      case 'strong':
        return <strong key={i}>{inline(x.c)}</strong>;
      case 'em':
        return <em key={i}>{inline(x.c)}</em>;
      case 'link':
        return x.href ? (
          // nodrag: a click on a link in a note follows it instead of starting a drag.
          <a key={i} className="nodrag" href={x.href} target="_blank" rel="noopener noreferrer nofollow" title={x.href}>
            {inline(x.c)}
          </a>
        ) : (
          <Fragment key={i}>
            {inline(x.c)} ({x.raw})
          </Fragment>
        );
    }
  });
}

/** Headings of a note sit below the editor's own (its panels use h2 and h3). */
const headingTag = (level: number) => `h${Math.min(6, level + 2)}`;

function MarkdownView({ text, className }: { text: string; className?: string }) {
  const blocks = parseMarkdown(text);
  return (
    <div className={className ? `md ${className}` : 'md'}>
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'h':
            return createElement(headingTag(b.level), { key: i, className: `md-h${b.level}` }, inline(b.c));
          case 'p':
            return <p key={i}>{inline(b.c)}</p>;
          case 'pre':
            return (
              <pre key={i}>
                <code>{b.v}</code>
              </pre>
            );
          case 'ul':
            return <ul key={i}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ul>;
          case 'ol':
            return <ol key={i} start={b.start}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ol>;
        }
      })}
    </div>
  );
}

export const Markdown = memo(MarkdownView);
