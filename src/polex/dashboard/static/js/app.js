// The dashboard: wires the views to the URL state and to each other.
import { getJSON } from './api.js';
import { showingErrors } from './dom.js';
import { renderDyads } from './dyads.js';
import { renderEvidence } from './evidence.js';
import { renderMap } from './map.js';
import { FILTER_KEYS, filtersChanged, getState, onChange, update } from './state.js';
import { EventsTable } from './table.js';
import { formatDay, renderTimeline } from './timeline.js';
import { renderTrips } from './trips.js';

const $ = (selector) => document.querySelector(selector);
const queues = new Map();
const pending = new Map();

/**
 * Runs a view's redraws one after another, so a slow answer never lands after a newer one;
 * the view is marked busy (aria-busy) until the last one queued has finished.
 */
function schedule(region, work) {
  pending.set(region, (pending.get(region) ?? 0) + 1);
  region.setAttribute('aria-busy', 'true');
  const previous = queues.get(region) ?? Promise.resolve();
  const next = previous.then(() => showingErrors(region, work)).finally(() => {
    pending.set(region, pending.get(region) - 1);
    if (pending.get(region) === 0) region.setAttribute('aria-busy', 'false');
  });
  queues.set(region, next);
  return next;
}

function openEvent(id) {
  update({ event: id });
  const evidence = $('#evidence');
  evidence.scrollIntoView({ behavior: 'smooth', block: 'start' });
  evidence.focus({ preventScroll: true }); // keyboard readers continue from the evidence
}

const table = new EventsTable($('#events'), {
  onOpen: openEvent,
  onSort: (sort) => update({ sort }),
  run: (work) => schedule($('#events'), work),
});

const views = {
  timeline: (state) => schedule($('#timeline'), () => renderTimeline($('#timeline-chart'), $('#timeline-note'), state, (range) => {
    update(range ? { since: formatDay(range[0]), until: formatDay(range[1]) } : { since: '', until: '' });
  })),
  dyads: (state) => schedule($('#dyads'), () => renderDyads($('#dyad-matrix'), $('#dyad-note'), state, (dyad) => {
    update({ actor: dyad?.actor ?? '', recipient: dyad?.recipient ?? '' });
  })),
  map: (state) => schedule($('#map'), () => renderMap($('#map-chart'), $('#map-events'), state, openEvent)),
  table: (state) => schedule($('#events'), () => table.load(state)),
  evidence: (state) => schedule($('#evidence'), () => renderEvidence($('#evidence-body'), state.event, openEvent)),
  trips: (state) => schedule($('#trips'), () => renderTrips($('#trips-country'), $('#trips-chart'), state.trips, openEvent)),
};

function fillForm(state) {
  const form = $('#filters');
  for (const key of FILTER_KEYS) form.elements[key].value = state[key];
  $('#interval').value = state.interval;
  $('#stack').value = state.stack;
}

function redraw(state, changed) {
  fillForm(state);
  const filters = filtersChanged(changed);
  if (filters || changed.has('interval') || changed.has('stack')) views.timeline(state);
  if (filters) {
    views.dyads(state);
    views.map(state);
    views.table(state);
  } else if (changed.has('sort') || changed.has('event')) {
    table.resort(state);
  }
  if (changed.has('event')) views.evidence(state);
  if (changed.has('trips')) views.trips(state);
}

function wireControls() {
  const form = $('#filters');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update(Object.fromEntries(FILTER_KEYS.map((key) => [key, form.elements[key].value.trim()])));
  });
  $('#clear-filters').addEventListener('click', () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, '']))));
  $('#interval').addEventListener('change', (event) => update({ interval: event.target.value }));
  $('#stack').addEventListener('change', (event) => update({ stack: event.target.value }));
  $('#trips-country').addEventListener('change', (event) => update({ trips: event.target.value }));
}

async function fillSuggestions() {
  const [{ actors }, types] = await Promise.all([getJSON('actors', { limit: 300 }), getJSON('series', { interval: 'year', by: 'type' })]);
  const options = (values) => values.map((value) => Object.assign(document.createElement('option'), { value }));
  $('#actor-codes').replaceChildren(...options(actors.map((actor) => actor.code)));
  $('#event-types').replaceChildren(...options([...new Set(types.series.map((point) => point.type))].sort()));
}

async function showStoreSummary() {
  const { store } = await getJSON('health');
  $('#store-summary').textContent = `${store.articles} articles · ${store.events} events`;
}

function redrawOnResize() {
  let timer = null;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      const state = getState();
      views.timeline(state);
      views.map(state);
      views.trips(state);
    }, 250);
  });
}

function start() {
  const state = getState();
  fillForm(state);
  wireControls();
  onChange(redraw);
  redrawOnResize();
  Object.values(views).forEach((draw) => draw(state));
  showStoreSummary().catch(() => {});
  fillSuggestions().catch(() => {});
  document.body.dataset.ready = 'true';
}

start();
