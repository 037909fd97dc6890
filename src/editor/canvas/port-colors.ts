/**
 * Port-type colours. theme.css holds the values as CSS variables (--port-image …) for both
 * themes; `portColors` refers to those variables, so inline styles and SVG strokes follow the
 * theme. `portColorValues` repeats the literal values for places CSS variables cannot reach
 * (canvas drawing, exported images); a test keeps the two in step.
 *
 * The hues are Okabe–Ito's colour-blind-safe set (sky blue, orange, reddish purple, bluish
 * green, yellow), lightened for the dark theme and darkened for the light one. Handles also
 * differ by shape (see graph-node.css), so colour is never the only cue.
 */
import { portTypes, type PortType } from '../../nodes/types';

export const portColors: Record<PortType, string> = {
  image: 'var(--port-image)',
  tensor: 'var(--port-tensor)',
  vector: 'var(--port-vector)',
  scalar: 'var(--port-scalar)',
  features: 'var(--port-features)',
};

export const portColorValues: Record<'dark' | 'light', Record<PortType, string>> = {
  dark: {
    image: '#56b4e9',
    tensor: '#e69f00',
    vector: '#e08cc0',
    scalar: '#2cc79b',
    features: '#f0e442',
  },
  light: {
    image: '#0072b2',
    tensor: '#9c4a00',
    vector: '#b0478a',
    scalar: '#00805e',
    features: '#978c00',
  },
};

/** The handle shape drawn for each type, for whoever draws ports outside the canvas. */
export const portShapes: Record<PortType, 'circle' | 'square' | 'diamond' | 'ring' | 'square-ring'> = {
  image: 'circle',
  tensor: 'square',
  vector: 'diamond',
  scalar: 'ring',
  features: 'square-ring',
};

export function isPortType(t: string): t is PortType {
  return (portTypes as readonly string[]).includes(t);
}

/** The colour of the first known type a port lists; a neutral grey for ports of unknown kinds. */
export function portColor(types: readonly string[]): string {
  const t = types.find(isPortType);
  return t ? portColors[t] : 'var(--port-unknown)';
}
