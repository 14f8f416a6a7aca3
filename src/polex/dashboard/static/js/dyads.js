// Dyads: the most active actor -> recipient pairs, coloured by the balance of cooperation
// and conflict; choosing one filters the page to that pair.
import { getJSON } from './api.js';
import { balanceColor, QUADS } from './colors.js';
import { clear, el } from './dom.js';
import { filterParams } from './state.js';

const PAIRS = 15;
const QUAD_FIELDS = ['verbal_cooperation', 'material_cooperation', 'verbal_conflict', 'material_conflict'];

function quadBar(dyad) {
  const segments = QUAD_FIELDS.map((field, index) => {
    const segment = el('span', { className: `segment quad-${index + 1}`, attrs: { title: `${dyad[field]} ${QUADS[index + 1]}` } });
    segment.style.width = `${(100 * dyad[field]) / dyad.events}%`;
    return segment;
  });
  return el('span', { className: 'quad-bar', attrs: { 'aria-hidden': 'true' } }, segments);
}

function pairButton(dyad, selected, onPick) {
  const balance = dyad.balance.toFixed(2);
  const swatch = el('span', { className: 'balance-swatch', attrs: { 'aria-hidden': 'true' } });
  swatch.style.background = balanceColor(dyad.balance);
  const button = el('button', {
    className: 'dyad',
    attrs: {
      type: 'button',
      'aria-pressed': selected ? 'true' : 'false',
      'data-actor': dyad.actor,
      'data-recipient': dyad.recipient,
      'aria-label': `${dyad.actor} to ${dyad.recipient}: ${dyad.events} events, balance ${balance}`,
    },
  }, [
    swatch,
    el('span', { className: 'pair', text: `${dyad.actor} → ${dyad.recipient}` }),
    el('span', { className: 'count', text: String(dyad.events) }),
    quadBar(dyad),
    el('span', { className: 'balance', text: balance }),
  ]);
  button.addEventListener('click', () => onPick(selected ? null : dyad));
  return el('li', {}, [button]);
}

/** Lists the pairs into `list`; `onPick(dyad | null)` when one is chosen (or unchosen). */
export async function renderDyads(list, state, onPick) {
  const { dyads } = await getJSON('dyads', { ...filterParams(state), limit: PAIRS });
  clear(list);
  if (!dyads.length) {
    list.append(el('li', { className: 'empty', text: 'No actor–recipient pairs match the filters.' }));
    return;
  }
  for (const dyad of dyads) {
    const selected = state.actor === dyad.actor && state.recipient === dyad.recipient;
    list.append(pairButton(dyad, selected, onPick));
  }
}
