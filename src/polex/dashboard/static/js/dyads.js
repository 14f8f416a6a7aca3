// Dyads: the most active actor -> recipient pairs as a matrix (actors in rows, recipients in
// columns), each cell coloured by the pair's balance of cooperation and conflict; choosing a
// cell filters the page to that pair, choosing it again clears the filter.
import { getJSON } from './api.js';
import { balanceColor, QUADS } from './colors.js';
import { clear, el } from './dom.js';
import { filterParams } from './state.js';

const { d3 } = window;
const FETCHED = 200; // pairs asked for, the most active first
const ROWS = 12; // actors at most
const COLUMNS = 12; // recipients at most
const QUAD_FIELDS = ['verbal_cooperation', 'material_cooperation', 'verbal_conflict', 'material_conflict'];
const LEGEND_STOPS = [-1, -0.5, 0, 0.5, 1];

/**
 * The pairs that fit the matrix, taken most active first: a pair is kept while its actor
 * already has a row or there is room for one, and the same for its recipient's column.
 */
export function matrixOf(dyads, rows = ROWS, columns = COLUMNS) {
  const actors = new Set();
  const recipients = new Set();
  const kept = [];
  for (const dyad of dyads) {
    const actorFits = actors.has(dyad.actor) || actors.size < rows;
    const recipientFits = recipients.has(dyad.recipient) || recipients.size < columns;
    if (!actorFits || !recipientFits) continue;
    actors.add(dyad.actor);
    recipients.add(dyad.recipient);
    kept.push(dyad);
  }
  const sorted = (codes) => [...codes].sort((a, b) => a.localeCompare(b));
  return { actors: sorted(actors), recipients: sorted(recipients), pairs: kept };
}

function label(dyad) {
  return `${dyad.actor} → ${dyad.recipient}: ${dyad.events} ${dyad.events === 1 ? 'event' : 'events'}, balance ${dyad.balance.toFixed(2)}`;
}

function breakdown(dyad) {
  const parts = QUAD_FIELDS.map((field, index) => `${dyad[field]} ${QUADS[index + 1]}`);
  return `${label(dyad)} (${parts.join(', ')})`;
}

/** Dark text on light cells, white on dark ones. */
function inkFor(colour) {
  return d3.hcl(colour).l > 60 ? '#1d232a' : '#ffffff';
}

function cellButton(dyad, selected, onPick) {
  const fill = balanceColor(dyad.balance);
  const button = el('button', {
    className: 'dyad-cell',
    text: String(dyad.events),
    attrs: {
      type: 'button',
      'aria-pressed': selected ? 'true' : 'false',
      'aria-label': label(dyad),
      title: breakdown(dyad),
      'data-actor': dyad.actor,
      'data-recipient': dyad.recipient,
      'data-events': dyad.events,
    },
  });
  button.style.backgroundColor = fill;
  button.style.color = inkFor(fill);
  button.addEventListener('click', () => onPick(selected ? null : dyad));
  return button;
}

/**
 * One tab stop for the whole matrix (the chosen cell, else the first). The arrow keys move
 * to the next cell holding a pair in the direction pressed or, when that line holds none,
 * to the next (→ ↓) or previous (← ↑) one in reading order, so every cell can be reached;
 * Home and End go to the first and last.
 */
function arrowKeys(table) {
  const buttons = [...table.querySelectorAll('button.dyad-cell')];
  const start = buttons.find((button) => button.getAttribute('aria-pressed') === 'true') ?? buttons[0];
  for (const button of buttons) button.tabIndex = button === start ? 0 : -1;
  const steps = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
  const rows = [...table.tBodies[0].rows];

  function inLine(cell, [down, right]) {
    let row = rows.indexOf(cell.parentElement);
    let column = cell.cellIndex;
    for (;;) {
      row += down;
      column += right;
      const next = rows[row]?.cells[column];
      if (!next || column < 1) return null;
      const button = next.querySelector('button');
      if (button) return button;
    }
  }

  table.addEventListener('keydown', (event) => {
    const current = event.target.closest?.('button.dyad-cell');
    if (!current) return;
    const index = buttons.indexOf(current);
    let target = null;
    if (event.key === 'Home') target = buttons[0];
    else if (event.key === 'End') target = buttons[buttons.length - 1];
    else if (steps[event.key]) {
      const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
      target = inLine(current.parentElement, steps[event.key]) ?? buttons[index + (forward ? 1 : -1)] ?? null;
    } else return;
    event.preventDefault();
    if (!target) return;
    for (const button of buttons) button.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  });
}

function legend() {
  const bar = el('span', { className: 'balance-scale', attrs: { 'aria-hidden': 'true' } });
  const stops = LEGEND_STOPS.map((value, index) => `${balanceColor(value)} ${(100 * index) / (LEGEND_STOPS.length - 1)}%`);
  bar.style.backgroundImage = `linear-gradient(to right, ${stops.join(', ')})`;
  return el('p', { className: 'balance-legend' }, [
    el('span', { text: 'conflict −1' }),
    bar,
    el('span', { text: '+1 cooperation' }),
  ]);
}

function matrixTable({ actors, recipients, pairs }, state, onPick) {
  const byPair = new Map(pairs.map((dyad) => [`${dyad.actor}\u0000${dyad.recipient}`, dyad]));
  const isSelected = (dyad) => state.actor === dyad.actor && state.recipient === dyad.recipient;
  const corner = el('th', { className: 'corner', attrs: { scope: 'col' } }, [
    el('span', { className: 'axis-name', text: 'recipient →' }),
    el('span', { className: 'axis-name', text: 'actor ↓' }),
  ]);
  const header = el('tr', {}, [corner, ...recipients.map((code) => el('th', {
    className: code === state.recipient ? 'recipient selected' : 'recipient',
    attrs: { scope: 'col', title: `recipient ${code}` },
  }, [el('span', { text: code })]))]);
  const rows = actors.map((actor) => el('tr', {}, [
    el('th', {
      className: actor === state.actor ? 'actor selected' : 'actor',
      text: actor,
      attrs: { scope: 'row', title: `actor ${actor}` },
    }),
    ...recipients.map((recipient) => {
      const dyad = byPair.get(`${actor}\u0000${recipient}`);
      if (!dyad) return el('td', { className: 'blank' });
      return el('td', {}, [cellButton(dyad, isSelected(dyad), onPick)]);
    }),
  ]));
  const table = el('table', {
    className: 'dyad-matrix',
    attrs: { 'aria-label': 'Events per actor → recipient pair, actors in rows, recipients in columns' },
  }, [el('thead', {}, [header]), el('tbody', {}, rows)]);
  arrowKeys(table);
  return table;
}

/** Draws the matrix into `box`; `onPick(dyad | null)` when a pair is chosen (or unchosen). */
export async function renderDyads(box, note, state, onPick) {
  const { dyads } = await getJSON('dyads', { ...filterParams(state), limit: FETCHED });
  clear(box);
  note.textContent = '';
  if (!dyads.length) {
    box.append(el('p', { className: 'empty', text: 'No actor–recipient pairs match the filters.' }));
    return;
  }
  const matrix = matrixOf(dyads);
  box.append(el('div', { className: 'matrix-scroll' }, [matrixTable(matrix, state, onPick)]), legend());
  const left = dyads.length - matrix.pairs.length;
  if (left > 0) {
    const more = dyads.length === FETCHED ? `at least ${left}` : String(left);
    note.textContent = `${matrix.pairs.length} pairs shown; ${more} other pairs fall outside the matrix’s ${matrix.actors.length} actors × ${matrix.recipients.length} recipients.`;
  }
}
