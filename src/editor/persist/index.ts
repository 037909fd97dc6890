/** The editor's persistence: storage, "My graphs", autosave, files and share links. No React. */
export { idbKv, memoryKv, type Kv } from './kv';
export { createLibrary, GraphTooLargeError, normalizeTitle, randomId, type GraphEntry, type Library, type LibraryOptions } from './library';
export { createAutosave, saveFailureMessage, type Autosave, type AutosaveOptions } from './autosave';
export { exportFileName, orderDoc, readGraphFile, serializeDoc, GRAPH_FILE_SUFFIX, MAX_FILE_BYTES, type GraphFileResult } from './files';
export { decodeShareFragment, encodeShareFragment, SHARE_LIMIT, SHARE_PREFIX, type ShareEncoding } from './share';
