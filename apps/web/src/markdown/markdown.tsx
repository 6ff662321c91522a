import { Fragment, type ReactNode } from 'react';
import { highlight } from './highlight';
import { parseMarkdown, type Inline } from './parse';

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((inline, i) => {
    switch (inline.kind) {
      case 'text':
        return <Fragment key={i}>{inline.text}</Fragment>;
      case 'code':
        return <code key={i}>{inline.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInlines(inline.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInlines(inline.children)}</em>;
      case 'link': {
        const external = /^https?:/i.test(inline.href);
        return (
          <a
            key={i}
            href={inline.href}
            {...(external ? { rel: 'noopener noreferrer', target: '_blank' } : {})}
          >
            {renderInlines(inline.children)}
          </a>
        );
      }
    }
  });
}

/** Renders markdown as React elements (never raw HTML), with highlighted code blocks. */
export function Markdown({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'paragraph':
            return <p key={i}>{renderInlines(block.inlines)}</p>;
          case 'heading': {
            const Tag = (['h3', 'h4', 'h5', 'h6'] as const)[block.level - 1]!;
            return <Tag key={i}>{renderInlines(block.inlines)}</Tag>;
          }
          case 'quote':
            return <blockquote key={i}>{renderInlines(block.inlines)}</blockquote>;
          case 'list': {
            const items = block.items.map((item, j) => <li key={j}>{renderInlines(item)}</li>);
            return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case 'code':
            return (
              <pre key={i} className="code-block" data-language={block.language || undefined} tabIndex={0}>
                <code>
                  {highlight(block.text, block.language).map((token, j) =>
                    token.kind === 'plain' ? (
                      <Fragment key={j}>{token.text}</Fragment>
                    ) : (
                      <span key={j} className={`tok-${token.kind}`}>
                        {token.text}
                      </span>
                    ),
                  )}
                </code>
              </pre>
            );
        }
      })}
    </div>
  );
}
