// The page's state lives in the URL's query string, so a view can be shared and reloaded.

export const FILTER_KEYS = ['actor', 'recipient', 'country', 'type', 'status', 'min_confidence', 'since', 'until', 'q'];
const VIEW_DEFAULTS = { interval: 'month', stack: 'quad', sort: '', event: '', trips: '' };
const ALL_KEYS = [...FILTER_KEYS, ...Object.keys(VIEW_DEFAULTS)];

const listeners = [];
let current = readUrl();

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(ALL_KEYS.map((key) => [key, params.get(key) ?? VIEW_DEFAULTS[key] ?? '']));
}

function urlOf(state) {
  const params = new URLSearchParams();
  for (const key of ALL_KEYS) {
    if (state[key] && state[key] !== VIEW_DEFAULTS[key]) params.set(key, state[key]);
  }
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

function changedKeys(before, after) {
  return new Set(ALL_KEYS.filter((key) => before[key] !== after[key]));
}

function notify(changed) {
  if (changed.size) listeners.forEach((listener) => listener(getState(), changed));
}

export function getState() {
  return { ...current };
}

/** Sets some keys (empty string clears one), records the new URL in the history. */
export function update(patch) {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) next[key] = value === null || value === undefined ? '' : String(value);
  const changed = changedKeys(current, next);
  if (!changed.size) return;
  current = next;
  window.history.pushState(null, '', urlOf(current));
  notify(changed);
}

export function onChange(listener) {
  listeners.push(listener);
}

/** The API filters of a state, without those named in `omit`. */
export function filterParams(state, omit = []) {
  return Object.fromEntries(FILTER_KEYS.filter((key) => state[key] && !omit.includes(key)).map((key) => [key, state[key]]));
}

export function filtersChanged(changed, omit = []) {
  return FILTER_KEYS.some((key) => changed.has(key) && !omit.includes(key));
}

window.addEventListener('popstate', () => {
  const next = readUrl();
  const changed = changedKeys(current, next);
  current = next;
  notify(changed);
});
