// Leaders' trips: for a chosen country, its leaders' trips abroad (GET /visits) on a
// timeline, one row per leader, each first trip after taking office marked.
import { getJSON } from './api.js';
import { clear, el } from './dom.js';

const { d3 } = window;
const MARGIN = { top: 24, right: 30, bottom: 26, left: 150 };
const ROW = 34;
const FIRST_MARKS = {
  after_taking_office: 'first trip after taking office',
  in_store: 'first trip on record (no start of term on file)',
};
let countries = null;

/** A trip's date (2022, 2022-06 or 2022-06-14) as the first day it covers. */
function dayOf(date) {
  const parts = date.split('-').map(Number);
  return new Date(Date.UTC(parts[0], (parts[1] ?? 1) - 1, parts[2] ?? 1));
}

function describe(trip) {
  const first = trip.first ? ` — ${FIRST_MARKS[trip.first] ?? 'first trip'}` : '';
  return `${trip.date}: ${trip.leader} (${trip.office}) to ${trip.destination}${first}`;
}

async function fillCountries(select, chosen) {
  if (!countries) {
    const { trips } = await getJSON('visits');
    countries = [...new Set(trips.map((trip) => trip.country))].sort();
  }
  clear(select).append(el('option', { text: 'Choose a country', attrs: { value: '' } }),
    ...countries.map((code) => el('option', { text: code, attrs: { value: code } })));
  select.value = countries.includes(chosen) ? chosen : '';
}

function drawChart(chart, trips, onOpen) {
  const leaders = [...new Set(trips.map((trip) => trip.leader))];
  const width = Math.max(320, chart.clientWidth);
  const height = MARGIN.top + MARGIN.bottom + ROW * leaders.length;
  const dates = trips.map((trip) => dayOf(trip.date));
  const [low, high] = d3.extent(dates);
  const x = d3.scaleUtc().domain([d3.utcMonth.offset(low, -3), d3.utcMonth.offset(high, 3)]).range([MARGIN.left, width - MARGIN.right]);
  const y = d3.scaleBand().domain(leaders).range([MARGIN.top, height - MARGIN.bottom]).padding(0.3);
  const svg = d3.select(chart).append('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'group').attr('aria-label', `${trips.length} trips abroad`);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},0)`).call(d3.axisLeft(y));
  const trip = svg.append('g').selectAll('g').data(trips).join('g')
    .attr('class', (d) => `trip${d.first ? ' first' : ''}`)
    .attr('transform', (d) => `translate(${x(dayOf(d.date))},${y(d.leader) + y.bandwidth() / 2})`)
    .attr('tabindex', 0).attr('role', 'button').attr('aria-label', describe)
    .on('click', (event, d) => onOpen(d.event_ids[0]))
    .on('keydown', (event, d) => { if (event.key === 'Enter') onOpen(d.event_ids[0]); });
  trip.append('path').attr('d', (d) => d3.symbol(d.first ? d3.symbolStar : d3.symbolCircle, d.first ? 150 : 60)());
  trip.append('text').attr('dy', -10).attr('text-anchor', 'middle').text((d) => d.destination);
  trip.append('title').text(describe);
}

function tripList(trips, onOpen) {
  return el('ul', { className: 'trip-list' }, trips.map((trip) => {
    const button = el('button', { className: 'link-button', text: describe(trip), attrs: { type: 'button' } });
    button.addEventListener('click', () => onOpen(trip.event_ids[0]));
    return el('li', { className: trip.first ? 'first' : '' }, [button, el('q', { text: trip.sentence ?? '' })]);
  }));
}

/** Fills the country choice and draws the chosen country's trips. */
export async function renderTrips(select, chart, country, onOpen) {
  await fillCountries(select, country);
  clear(chart);
  if (!country) {
    chart.append(el('p', { className: 'empty', text: `${countries.length} countries have leaders’ trips in the store: choose one.` }));
    return;
  }
  const { trips, note } = await getJSON('visits', { country });
  if (!trips.length) {
    chart.append(el('p', { className: 'empty', text: `No trips abroad by leaders of ${country} in the store.` }));
    return;
  }
  drawChart(chart, trips, onOpen);
  chart.append(el('p', { className: 'legend-line' }, [el('span', { className: 'star', text: '★', attrs: { 'aria-hidden': 'true' } }), ' first trip; ', note]));
  chart.append(tripList(trips, onOpen));
}
