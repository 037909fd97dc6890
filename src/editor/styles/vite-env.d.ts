// Vite's client types: CSS side-effect imports (`import './x.css'`), `?url` imports, import.meta.env.
// TypeScript 6 checks side-effect imports, so without this every component's CSS import fails.
/// <reference types="vite/client" />
