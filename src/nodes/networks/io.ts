/**
 * A network definition's boundary: its Input and Output nodes become the ports of every call
 * site. The compiler feeds Inputs from the call site and reads Outputs back; these kinds
 * only declare the ports.
 */
import { z } from 'zod';
import { valueRanges, defineNode, type PortType, type Signal } from '../types';

const zPortName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,39}$/, 'a name of letters, digits, - and _')
  .describe('Port name on the call site');

export const networkInput = defineNode({
  kind: 'network.input',
  label: 'Input',
  category: 'network',
  summary: 'Where data enters a network: one port of its call sites.',
  docs:
    'Each Input node becomes an input port on every call site of the network. Its shape is whatever the ' +
    'call site is fed, so one network works at several sizes.',
  params: z.object({
    name: zPortName.default('in'),
    type: z.enum(['image', 'tensor', 'vector']).default('image').describe('What the port carries'),
    range: z.enum(valueRanges).default('[-1,1]').describe('Images: the value range the network expects'),
  }),
  where: 'network',
  inputs: [],
  outputs: (p) => [{ name: 'out', label: p.name, type: p.type as PortType }],
  infer: (ctx) => ({ out: inputSignal(ctx.params, ctx.inputs.in) }),
  build: (_ctx, inputs) => ({ out: inputs.in! }),
  summarize: (p) => `${p.name}: ${p.type}${p.type === 'image' ? ` ${p.range}` : ''}`,
  example: { params: { name: 'x' }, inputs: { in: { type: 'image', shape: [2, 8, 8, 3], range: '[-1,1]' } } },
});

/** The signal an Input hands on: the call site's, typed as the Input declares. */
function inputSignal(p: { type: string; range: (typeof valueRanges)[number] }, fed: Signal | undefined): Signal {
  const shape = fed?.shape ?? [];
  return p.type === 'image' ? { type: 'image', shape, range: p.range } : { type: p.type as PortType, shape };
}

export const networkOutput = defineNode({
  kind: 'network.output',
  label: 'Output',
  category: 'network',
  summary: 'What a network gives back: one port of its call sites.',
  docs:
    'Each Output node becomes an output port on every call site. Declaring the type "image" with a range ' +
    'says what values the network produces, e.g. [-1,1] after a tanh.',
  params: z.object({
    name: zPortName.default('out'),
    type: z.enum(['image', 'tensor', 'vector', 'features']).default('image').describe('What the port carries'),
    range: z.enum(valueRanges).default('[-1,1]').describe('Images: the value range the network produces'),
  }),
  where: 'network',
  inputs: (p) => [
    { name: 'in', label: p.name, type: p.type === 'features' ? 'features' : p.type === 'vector' ? 'vector' : 'tensor' },
  ],
  outputs: [],
  infer(ctx) {
    const s = ctx.inputs.in;
    if (!s) return {} as Record<string, Signal>;
    return { out: ctx.params.type === 'image' ? { ...s, type: 'image', range: ctx.params.range } : s };
  },
  build: (_ctx, inputs) => ({ out: inputs.in! }),
  summarize: (p) => `${p.name}: ${p.type}${p.type === 'image' ? ` ${p.range}` : ''}`,
  example: { params: { type: 'image', range: '[-1,1]' }, inputs: { in: { type: 'tensor', shape: [2, 8, 8, 3] } } },
});

export const networkCall = defineNode({
  kind: 'network',
  label: 'Network',
  category: 'network',
  summary: 'Runs a network; call sites naming the same network share its weights.',
  docs:
    'A call site of a network definition. Its ports are the Input and Output nodes inside the network. ' +
    'Two call sites share weights exactly when they name the same network, which is how a discriminator ' +
    'judges real and generated images with one set of weights. Open it to edit the network inside.',
  params: z.object({
    network: z.string().default('').describe('Id of the network this call site runs'),
  }),
  where: 'graph',
  inputs: (p, env) => env.network(p.network)?.inputs ?? [],
  outputs: (p, env) => env.network(p.network)?.outputs ?? [],
  // The compiler infers call sites through the network definition.
  infer: (ctx) => ({ ...ctx.inputs }) as Record<string, Signal>,
  summarize: (p) => p.network,
  // Its ports come from the network it names; the compiler's tests exercise call sites.
  example: { params: { network: 'gen' } },
});
