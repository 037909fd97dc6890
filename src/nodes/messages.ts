/**
 * Every sentence Ganvas says about a graph, in one catalogue. They are written for a
 * designer: they name the node and port, say what is wrong, and what to do about it.
 * `node` is a node's display name (its label, or its kind and id).
 */
const catalogue = {
  // Reading documents
  notJson: (a: { detail: string }) => `This file is not a Ganvas graph: it is not valid JSON (${a.detail}).`,
  tooLarge: (a: { size: string; limit: string }) =>
    `This graph file is ${a.size}, more than the ${a.limit} a graph may be; it was not opened.`,
  notAnObject: () => 'This file is not a Ganvas graph: it holds no JSON object.',
  notAGraph: (a: { found: string }) =>
    `This file is not a Ganvas graph (its "format" is ${a.found}; a graph says "ganvas-graph").`,
  newerVersion: (a: { version: number; supported: number }) =>
    `This graph was saved by a newer Ganvas (format version ${a.version}); this one reads versions up to ${a.supported}. Update Ganvas to open it.`,
  badVersion: (a: { found: string }) => `The graph's format version (${a.found}) is not a whole number.`,
  badField: (a: { path: string; detail: string }) => `The graph's "${a.path}" is not valid: ${a.detail}.`,
  duplicateNodeId: (a: { id: string }) =>
    `Two nodes share the id "${a.id}"; the second was renamed to keep both.`,
  danglingEdge: (a: { id: string; end: string; missing: string }) =>
    `A wire (${a.id}) leads ${a.end} node "${a.missing}", which is not in the graph; the wire was dropped.`,
  duplicateNetworkId: (a: { id: string }) => `Two networks share the id "${a.id}"; the second was renamed to keep both.`,
  migrated: (a: { from: number; to: number }) =>
    `This graph was saved in format version ${a.from} and has been updated to version ${a.to}.`,

  // Node kinds and params
  internalError: (a: { node: string; detail: string }) =>
    `Ganvas could not check ${a.node} (${a.detail}). This is a bug in Ganvas, not in your graph; please report it.`,
  unknownKind: (a: { node: string; kind: string }) =>
    `${a.node} has the kind "${a.kind}", which this version of Ganvas does not know. It is kept with its settings and wires, but the graph cannot train until it is removed or Ganvas is updated.`,
  badParam: (a: { node: string; param: string; detail: string }) =>
    `${a.node}: the setting "${a.param}" is not valid (${a.detail}).`,
  wrongPlace: (a: { node: string; where: string }) =>
    a.where === 'network'
      ? `${a.node} has weights, so it belongs inside a network: select it and use "Make network from selection".`
      : `${a.node} belongs on the training graph, not inside a network.`,

  // Wires
  unknownPort: (a: { node: string; port: string; side: string }) =>
    `${a.node} has no ${a.side} called "${a.port}"; the wire to it does nothing.`,
  wrongDirection: () => 'A wire goes from an output to an input.',
  selfLoop: (a: { node: string }) => `${a.node} cannot feed itself.`,
  wrongType: (a: { from: string; fromType: string; to: string; toType: string }) =>
    `${a.from} gives ${article(a.fromType)} ${a.fromType}, but ${a.to} takes ${article(a.toType)} ${a.toType}.`,
  rangeMismatch: (a: { from: string; fromRange: string; to: string; toRange: string }) =>
    `${a.from} gives images in ${a.fromRange}, but ${a.to} expects ${a.toRange}. Insert a Rescale node between them.`,
  inputTaken: (a: { node: string; port: string }) =>
    `${a.node}'s input "${a.port}" already has a wire; an input takes one wire.`,
  wouldCycle: (a: { from: string; to: string }) =>
    `Wiring ${a.from} into ${a.to} would make a loop: ${a.to} already feeds ${a.from}.`,
  cycle: (a: { nodes: string }) =>
    `These nodes feed each other in a loop: ${a.nodes}. Data must flow one way; remove one of the wires.`,
  missingInput: (a: { node: string; port: string }) => `${a.node} needs something wired into "${a.port}".`,
  manyWires: (a: { node: string; port: string; count: number }) =>
    `${a.node}'s input "${a.port}" has ${a.count} wires; an input takes one. Remove the extra ones.`,

  // Shapes and values
  rankMismatch: (a: { node: string; port: string; expected: string; got: string }) =>
    `${a.node}'s "${a.port}" needs ${a.expected}, but gets ${a.got}.`,
  sizeMismatch: (a: { node: string; what: string; a: string; b: string }) =>
    `${a.node} needs inputs of the same ${a.what}: ${a.a} and ${a.b}.`,
  batchMismatch: (a: { node: string; a: number; b: number }) =>
    `${a.node} compares batches of ${a.a} and ${a.b}; they must be equal, or one of them 1.`,
  tooSmall: (a: { node: string; detail: string }) => `${a.node}: ${a.detail}.`,
  badReshape: (a: { node: string; from: string; to: string }) =>
    `${a.node} cannot reshape ${a.from} into ${a.to}: the number of values differs.`,
  layerOutOfRange: (a: { node: string; layer: number; count: number }) =>
    `${a.node} uses feature layer ${a.layer}, but its input has ${a.count} layers.`,
  layerMismatch: (a: { node: string; detail: string }) => `${a.node}: the two feature inputs differ (${a.detail}).`,
  channelsMismatch: (a: { node: string; expected: number; got: number }) =>
    `${a.node} expects ${a.expected} channels but gets ${a.got}.`,

  // Networks
  unknownNetwork: (a: { node: string; network: string }) =>
    `${a.node} calls the network "${a.network}", which this graph does not define.`,
  noNetwork: (a: { node: string }) => `${a.node} does not say which network it calls.`,
  networkNoOutput: (a: { network: string }) =>
    `The network "${a.network}" has no Output node, so its call sites give nothing.`,
  networkBadCall: (a: { node: string; network: string; detail: string }) =>
    `${a.node} calls "${a.network}" with inputs that do not fit it: ${a.detail}`,
  sharedWeightsConflict: (a: { node: string; network: string; weight: string; a: string; b: string }) =>
    `${a.node} shares the weights of "${a.network}" with another call site, but feeds it differently: its weight ${a.weight} would be ${a.a} here and ${a.b} there.`,
  duplicatePortName: (a: { network: string; port: string }) =>
    `The network "${a.network}" has two Input or Output nodes named "${a.port}"; give each its own name.`,
  unusedNetwork: (a: { network: string }) => `The network "${a.network}" is not called anywhere.`,
  frozenTrained: (a: { node: string; network: string }) =>
    `${a.node} trains "${a.network}", which is a frozen network (a fixed feature extractor); it is left unchanged.`,

  // Optimizers and losses
  optimizerNoLoss: (a: { node: string }) => `${a.node} has no loss wired in, so it has nothing to minimise.`,
  optimizerNothingToTrain: (a: { node: string }) =>
    `${a.node} trains nothing: choose the networks or trainable images it should update.`,
  optimizerUnknownTarget: (a: { node: string; target: string }) =>
    `${a.node} trains "${a.target}", which is neither a network nor a trainable image in this graph.`,
  lossIndependent: (a: { node: string; target: string }) =>
    `${a.node} trains "${a.target}", but its loss does not depend on it, so it would never change.`,
  lossUnused: (a: { node: string }) => `${a.node} is not minimised by any optimizer, so it only gets reported.`,
  noOptimizer: () => 'This graph has no optimizer, so training would change nothing. Add Adam and wire a loss into it.',
  trainedTwice: (a: { target: string; a: string; b: string }) =>
    `"${a.target}" is trained by both ${a.a} and ${a.b}. Each network usually has its own optimizer; check this is intended.`,

  // Pretrained feature models (model-features)
  featureModel: (a: { node: string; issue: 'missing' | 'noLayers' | 'size' | 'small'; size?: string; got?: string }) =>
    a.issue === 'missing'
      ? `${a.node} has no model yet: load a TensorFlow.js model (a model.json with its weight files) in its settings.`
      : a.issue === 'noLayers'
        ? `${a.node} uses no layer of its model: choose at least one layer whose feature maps it should give.`
        : a.issue === 'size'
          ? `${a.node}'s model only takes ${a.size} images, but gets ${a.got}. Resize the images to ${a.size} before it.`
          : `${a.node}'s deepest layer needs images of at least ${a.size} pixels, but gets ${a.got}. Use larger images or an earlier layer.`,

  // Sources (digits)
  emptySplit: (a: { node: string }) =>
    `${a.node} holds no digits out ("hold out" is 0), so its held-out split is empty. Set "hold out" above 0, or use the training split.`,

  // Blocks
  reshapeRank: (a: { node: string; got: string }) =>
    `${a.node} reshapes each sample to ${a.got}; give one number (a vector) or three (height, width, channels).`,
  // Losses, optimizers and outputs
  lossRangeMismatch: (a: { node: string; a: string; b: string }) =>
    `${a.node} compares images in ${a.a} with images in ${a.b}, so their difference would mean nothing. Insert a Rescale node so both use the same range.`,
  // Transforms
  cropTooLarge: (a: { node: string; size: number; h: number; w: number }) =>
    `${a.node} cuts ${a.size}×${a.size} squares, but its input images are only ${a.h}×${a.w}. Choose a smaller crop size, or feed it larger images.`,
  resizeTooSmall: (a: { node: string; h: number; w: number; factor: number }) =>
    `${a.node} would shrink ${a.h}×${a.w} images by ${a.factor} to less than one pixel. Use a larger factor.`,
  // Saving, files and share links (editor persistence)
  imageNotGraph: (a: { name: string }) =>
    `“${a.name}” is an image, not a Ganvas graph. Open a .ganvas.json file, or a result PNG exported by Ganvas (it carries its graph).`,
  pngNoGraph: (a: { name: string }) =>
    `“${a.name}” is a PNG that carries no graph. Only result PNGs exported by Ganvas do; to train on this picture, drop it on an Image set node.`,
  pngGraphUnreadable: (a: { name: string; detail: string }) => `The graph inside “${a.name}” could not be read. ${a.detail}`,
  fileUnreadable: (a: { name: string }) =>
    `Ganvas could not read “${a.name}”: the browser refused to open it, or it was moved or deleted. Choose the file again.`,
  graphNotFound: () => 'This graph is no longer in “My graphs”: it may have been deleted, perhaps in another tab.',
  saveFailed: (a: { title: string; reason: 'quota' | 'tooLarge' | 'other'; size?: string; limit?: string }) =>
    a.reason === 'quota'
      ? `“${a.title}” could not be saved: this browser's storage for Ganvas is full. Your changes are still open here; export the graph to a file, or delete graphs you no longer need from “My graphs”.`
      : a.reason === 'tooLarge'
        ? `“${a.title}” could not be saved: it is ${a.size}, more than the ${a.limit} a graph may be. Make it smaller (long notes and thumbnails take the most room); your changes are still open here.`
        : `“${a.title}” could not be saved in this browser's storage. Your changes are still open here; export the graph to a file to keep them.`,
  copyOf: (a: { title: string }) => `${a.title} (copy)`,
  shareTooLong: (a: { length: number; limit: number }) =>
    `This graph is too large for a share link: the link would be ${a.length.toLocaleString('en')} characters, more than the ${a.limit.toLocaleString('en')} that browsers and chat apps keep intact. Export it as a .ganvas.json file and share the file instead.`,
  shareCorrupt: () =>
    'This share link is damaged or incomplete, so no graph could be read from it. Ask for the link again and make sure it is copied whole.',
  shareUnsupported: () => 'This browser cannot compress or decompress share links. Update it, or share the graph as a .ganvas.json file.',
  // Making a network from a selection (editor)
  makeNetworkEmpty: () => 'Select the blocks that should become a network first (notes are left out).',
  makeNetworkNested: () =>
    'A network cannot call another network, so blocks inside a network cannot become a network of their own. Select blocks on the training graph.',
  makeNetworkKind: (a: { node: string; category: string }) =>
    `${a.node} cannot go inside a network: ${a.category} nodes stay on the training graph. Leave it out of the selection.`,
  makeNetworkLoop: (a: { node: string }) =>
    `The selection cannot become one network: data leaves it and comes back through ${a.node}. Select ${a.node} too, or fewer blocks.`,
  makeNetworkSignal: (a: { node: string; port: string; type: string }) =>
    `The wire from ${a.node}'s "${a.port}" carries ${a.type}, which cannot cross a network's boundary (networks take and give images, tensors, vectors and features). Leave that wire's end out of the selection.`,
  makeNetworkUnknown: (a: { node: string; port: string }) =>
    `What ${a.node}'s "${a.port}" gives is not known yet, so the network's port cannot be typed. Fix the problems around it first.`,
  makeNetworkNoOutput: () => 'Nothing leaves the selection, so the network would give nothing. Select blocks whose results are used elsewhere.',
  // Copy and paste (editor clipboard)
  pasteNothing: () => 'The clipboard holds no Ganvas nodes, so nothing was pasted. Select nodes, copy them (Ctrl+C), then paste.',
  clipboardDenied: (a: { action: 'copy' | 'paste' }) =>
    a.action === 'copy'
      ? 'The browser did not let Ganvas write to the clipboard, so nothing was copied. Allow clipboard access for this page and try again.'
      : 'The browser did not let Ganvas read the clipboard, so nothing was pasted. Allow clipboard access for this page and try again.',
};

type Catalogue = typeof catalogue;
export type MessageCode = keyof Catalogue;
export type MessageArgs<C extends MessageCode> = Parameters<Catalogue[C]>[0] extends undefined
  ? Record<string, never>
  : Parameters<Catalogue[C]>[0];

export function say<C extends MessageCode>(code: C, args: MessageArgs<C>): string {
  const fn = catalogue[code] as (a: MessageArgs<C>) => string;
  return fn(args);
}

export const messageCodes = Object.keys(catalogue) as MessageCode[];

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
