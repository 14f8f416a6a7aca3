// Events table: a page of events from the API at a time (the API's order: date, then id),
// the total that match, sortable columns within the page, statuses other than "occurred"
// marked.
import { countEvents, eventPage } from './api.js';
import { clear, codes, el } from './dom.js';
import { filterParams } from './state.js';

const PAGE_SIZE = 25;
const COLUMNS = [
  { key: 'date', label: 'Date', value: (e) => e.date ?? '' },
  { key: 'actor', label: 'Actor', value: (e) => codes(e.actor) },
  { key: 'event', label: 'Event', value: (e) => e.event },
  { key: 'recipient', label: 'Recipient', value: (e) => codes(e.recipient) },
  { key: 'status', label: 'Status', value: (e) => e.status },
  { key: 'confidence', label: 'Confidence', value: (e) => e.confidence ?? -1 },
  { key: 'place', label: 'Place', value: (e) => e.event_loc?.resolved_place ?? '' },
  { key: 'sentence', label: 'Sentence', value: (e) => e.text ?? '' },
];

function sortRows(events, sort) {
  const descending = sort.startsWith('-');
  const column = COLUMNS.find((c) => c.key === sort.replace(/^-/, ''));
  if (!column) return events;
  const sorted = [...events].sort((a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    return typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
  });
  return descending ? sorted.reverse() : sorted;
}

function cell(event, column, onOpen) {
  const value = column.value(event);
  if (column.key === 'event') {
    const button = el('button', { className: 'link-button open-event', text: value, attrs: { type: 'button', 'data-event-id': event.id } });
    button.addEventListener('click', () => onOpen(event.id));
    return el('td', {}, [button]);
  }
  if (column.key === 'status') {
    return el('td', {}, [el('span', { className: `status status-${value}`, text: value })]);
  }
  if (column.key === 'confidence') return el('td', { className: 'number', text: value < 0 ? '' : value.toFixed(2) });
  return el('td', { className: `col-${column.key}`, text: value });
}

export class EventsTable {
  /** `run(work)` runs a reload of the section (app.js queues and marks it busy). */
  constructor(section, { onOpen, onSort, run }) {
    this.section = section;
    this.onOpen = onOpen;
    this.onSort = onSort;
    this.run = run;
    this.count = section.querySelector('#event-count');
    this.head = section.querySelector('thead');
    this.body = section.querySelector('tbody');
    this.pageLabel = section.querySelector('#page-label');
    this.previous = section.querySelector('#previous-page');
    this.next = section.querySelector('#next-page');
    this.previous.addEventListener('click', () => this.turn(-1));
    this.next.addEventListener('click', () => this.turn(1));
    this.cursors = [null];
    this.pageIndex = 0;
  }

  /** Loads the first page and the total for a new state's filters. */
  async load(state) {
    this.state = state;
    this.cursors = [null];
    this.pageIndex = 0;
    const [total] = await Promise.all([countEvents(filterParams(state)), this.loadPage()]);
    this.count.textContent = `${total} event${total === 1 ? '' : 's'} match`;
    this.count.dataset.count = String(total);
  }

  turn(step) {
    return this.run(() => {
      this.pageIndex += step;
      return this.loadPage();
    });
  }

  async loadPage() {
    const page = await eventPage(filterParams(this.state), PAGE_SIZE, this.cursors[this.pageIndex]);
    this.cursors[this.pageIndex + 1] = page.next;
    this.events = page.events;
    this.previous.disabled = this.pageIndex === 0;
    this.next.disabled = !page.next;
    this.pageLabel.textContent = `Page ${this.pageIndex + 1}`;
    this.draw();
  }

  /** Redraws the current page, e.g. in another order, without asking the API again. */
  draw() {
    this.drawHead();
    clear(this.body);
    for (const event of sortRows(this.events ?? [], this.state.sort)) {
      const row = el('tr', { className: `status-row-${event.status}`, attrs: { 'data-event-id': event.id } },
        COLUMNS.map((column) => cell(event, column, this.onOpen)));
      if (event.id === this.state.event) row.classList.add('selected');
      this.body.append(row);
    }
    if (!this.events?.length) this.body.append(el('tr', {}, [el('td', { className: 'empty', text: 'No events match the filters.', attrs: { colspan: COLUMNS.length } })]));
  }

  drawHead() {
    const sortKey = this.state.sort.replace(/^-/, '');
    const descending = this.state.sort.startsWith('-');
    const headers = COLUMNS.map((column) => {
      const sorted = column.key === sortKey;
      const button = el('button', { className: 'sort', text: column.label, attrs: { type: 'button' } });
      button.addEventListener('click', () => this.onSort(sorted && !descending ? `-${column.key}` : column.key));
      return el('th', { className: `col-${column.key}`, attrs: { scope: 'col', 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : 'none' } }, [button]);
    });
    clear(this.head).append(el('tr', {}, headers));
  }

  resort(state) {
    this.state = state;
    this.draw();
  }
}
