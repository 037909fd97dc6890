import { z } from 'zod';
import { defineNode } from '../types';

export const note = defineNode({
  kind: 'note',
  label: 'Note',
  category: 'note',
  summary: 'A sticky note on the canvas, for explanations.',
  docs:
    'Notes hold text (Markdown: headings, lists, links, emphasis) to explain a graph to whoever opens it ' +
    'next: what a part does, why a weight has its value, what to try. They take no part in training and ' +
    'can sit on the training graph or inside a network.',
  params: z.object({
    text: z.string().max(20_000).default('').describe('The note, in Markdown'),
    color: z.enum(['yellow', 'blue', 'green', 'pink', 'grey']).default('yellow').describe('Paper colour'),
    width: z.int().min(80).max(2000).default(240).describe('Width on the canvas, in pixels'),
    height: z.int().min(40).max(2000).default(160).describe('Height on the canvas, in pixels'),
  }),
  where: 'both',
  inputs: [],
  outputs: [],
  infer: () => ({}),
  summarize: (p) => {
    const first = p.text.trim().split('\n')[0] ?? '';
    const plain = first.replace(/^#+\s*/, '');
    return plain.length > 40 ? `${plain.slice(0, 39)}…` : plain;
  },
  example: { params: { text: '# DCGAN\nG turns noise into digits; D tells them from real ones.', color: 'blue' } },
});
