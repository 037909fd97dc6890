/**
 * Category and network colours. Categories map to the --cat-* variables of theme.css (the
 * palette can use them too); networks get one of NETWORK_HUES colours picked from their id, so
 * every call site of one network wears the same colour wherever it sits on the canvas.
 */
import { categories, type Category } from '../../nodes/types';

export function isCategory(c: string): c is Category {
  return (categories as readonly string[]).includes(c);
}

/** CSS colour of a category's header strip ('var(--cat-block)'); unknown ones are neutral. */
export function categoryColor(category: string): string {
  return isCategory(category) ? `var(--cat-${category})` : 'var(--cat-other)';
}

/** How many --net-N colours theme.css defines. */
export const NETWORK_HUES = 8;

/** A stable index 0..NETWORK_HUES-1 for a network id (FNV-1a, so it survives reloads). */
export function networkHue(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % NETWORK_HUES;
}

export function networkColor(id: string): string {
  return `var(--net-${networkHue(id)})`;
}

/** The note papers theme.css defines (--note-yellow …), as the note kind's `color` param lists them. */
export const noteColors = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;
export type NoteColor = (typeof noteColors)[number];

/** A note's paper; anything unexpected falls back to yellow. */
export function notePaper(color: unknown): NoteColor {
  return (noteColors as readonly unknown[]).includes(color) ? (color as NoteColor) : 'yellow';
}

/** For <MiniMap nodeColor={minimapNodeColor}>: notes in their paper, nodes in their category. */
export function minimapNodeColor(node: { type?: string | undefined; data: Record<string, unknown> }): string {
  if (node.type === 'note') return `var(--note-${notePaper(node.data.color)})`;
  if (node.data.unknown === true) return 'var(--error)';
  return categoryColor(typeof node.data.category === 'string' ? node.data.category : '');
}
