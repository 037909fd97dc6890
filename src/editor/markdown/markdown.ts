/**
 * A safe Markdown subset for notes, parsed into plain data that Markdown.tsx turns into React
 * elements (never HTML strings): headings, paragraphs, bold, italic, inline code, code blocks,
 * bullet and numbered lists, and links, which keep an address only when it is http(s). Any
 * other markup, HTML included, stays text.
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'code'; v: string }
  /** `href` is set only for an http(s) address; otherwise the link shows as its text and address. */
  | { t: 'link'; c: Inline[]; href?: string; raw: string };

export type Block =
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; start: number; items: Inline[][] }
  | { t: 'pre'; v: string };

/** An http(s) address, normalised by the URL parser, or undefined. */
export function safeHref(raw: string): string | undefined {
  if (!/^https?:\/\//i.test(raw.trim())) return undefined;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

// Earliest match wins: code, bold (** or __), italic (* or _ at word edges), link.
const INLINE = /`([^`\n]+)`|\*\*(?=\S)([\s\S]+?)\*\*|__(?=\S)([\s\S]+?)__|\*(?=[^\s*])([^*]+?)\*|(?<![A-Za-z0-9])_(?=[^\s_])([^_]+?)_(?![A-Za-z0-9])|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function parseInline(s: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const text = (v: string) => {
    if (!v) return;
    const last = out.at(-1);
    if (last?.t === 'text') last.v += v;
    else out.push({ t: 'text', v });
  };
  if (depth > 4) {
    text(s);
    return out;
  }
  const re = new RegExp(INLINE.source, 'g');
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    text(s.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ t: 'code', v: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ t: 'strong', c: parseInline(m[2] ?? m[3]!, depth + 1) });
    else if (m[4] !== undefined || m[5] !== undefined) out.push({ t: 'em', c: parseInline(m[4] ?? m[5]!, depth + 1) });
    else {
      const href = safeHref(m[7]!);
      out.push(href ? { t: 'link', c: parseInline(m[6]!, depth + 1), href, raw: m[7]! } : { t: 'link', c: parseInline(m[6]!, depth + 1), raw: m[7]! });
    }
  }
  text(s.slice(at));
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ t: 'pre', v: body.join('\n') });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      blocks.push({ t: 'h', level: h[1]!.length, c: parseInline(h[2]!) });
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    if (b || n) {
      flush();
      const kind = b ? 'ul' : 'ol';
      const last = blocks.at(-1);
      const item = parseInline(b ? b[1]! : n![2]!);
      if (last?.t === kind && lines[i - 1]?.trim() !== '') last.items.push(item);
      else blocks.push(kind === 'ul' ? { t: 'ul', items: [item] } : { t: 'ol', start: Number(n![1]), items: [item] });
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  return blocks;
}
