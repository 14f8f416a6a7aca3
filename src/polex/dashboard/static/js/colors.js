// Colours and names shared by the views (d3 is loaded by the page as a classic script).
const { d3 } = window;

export const QUADS = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};
const QUAD_COLORS = { 1: '#6baed6', 2: '#2166ac', 3: '#f4a582', 4: '#b2182b' };
const typeColors = d3.scaleOrdinal([...d3.schemeTableau10, ...d3.schemeSet3]);

export function groupColor(stack, key) {
  return stack === 'quad' ? QUAD_COLORS[key] ?? '#999' : typeColors(key);
}

export function groupName(stack, key) {
  return stack === 'quad' ? QUADS[key] ?? String(key) : String(key);
}

/** Conflict (-1) red through grey to cooperation (+1) blue. */
export const balanceColor = d3.scaleDiverging(d3.interpolateRdBu).domain([-1, 0, 1]);
