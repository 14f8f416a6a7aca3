// Timeline: events per period stacked by quad class or type, the mean PLOVER score as a
// line, and a brush whose range becomes the page's since/until filters.
import { getJSON } from './api.js';
import { groupColor, groupName } from './colors.js';
import { clear, el } from './dom.js';
import { filterParams } from './state.js';

const { d3 } = window;
const MARGIN = { top: 12, right: 40, bottom: 26, left: 40 };
const PERIOD_STEP = {
  day: (date) => d3.utcDay.offset(date, 1),
  week: (date) => d3.utcDay.offset(date, 7),
  month: (date) => d3.utcMonth.offset(date, 1),
  year: (date) => d3.utcYear.offset(date, 1),
};
export const formatDay = d3.utcFormat('%Y-%m-%d');
const parseDay = d3.utcParse('%Y-%m-%d');

/** A since/until value (2024, 2024-06 or 2024-06-25) as the first day it covers. */
function dayOf(value) {
  if (!value) return null;
  const padded = value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
  return parseDay(padded);
}

async function loadSeries(state) {
  const filters = filterParams(state, ['since', 'until']);
  const interval = state.interval;
  const [grouped, overall] = await Promise.all([
    getJSON('series', { ...filters, interval, by: state.stack }),
    getJSON('series', { ...filters, interval }),
  ]);
  return { grouped, overall };
}

function pivot(points, stack) {
  const keys = [...new Set(points.map((point) => point[stack]))].sort();
  const byStart = d3.group(points, (point) => point.start);
  const rows = [...byStart].map(([start, group]) => {
    const row = { start: parseDay(start) };
    for (const key of keys) row[key] = 0;
    for (const point of group) row[point[stack]] += point.events;
    return row;
  });
  rows.sort((a, b) => a.start - b.start);
  return { keys, rows };
}

function scales(rows, interval, width, height) {
  const step = PERIOD_STEP[interval];
  const first = rows[0].start;
  const last = step(rows[rows.length - 1].start);
  const x = d3.scaleUtc().domain([first, last]).range([MARGIN.left, width - MARGIN.right]);
  const totals = rows.map((row) => Object.entries(row).reduce((sum, [k, v]) => (k === 'start' ? sum : sum + v), 0));
  const y = d3.scaleLinear().domain([0, d3.max(totals)]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const score = d3.scaleLinear().domain([-10, 10]).range([height - MARGIN.bottom, MARGIN.top]);
  return { x, y, score, step };
}

function drawBars(svg, { keys, rows }, { x, y, step }, stack) {
  const layers = d3.stack().keys(keys)(rows);
  svg.append('g').attr('class', 'bars')
    .selectAll('g').data(layers).join('g')
    .attr('fill', (layer) => groupColor(stack, layer.key))
    .selectAll('rect').data((layer) => layer.map((d) => Object.assign(d, { key: layer.key }))).join('rect')
    .attr('x', (d) => x(d.data.start))
    .attr('width', (d) => Math.max(1, x(step(d.data.start)) - x(d.data.start) - 1))
    .attr('y', (d) => y(d[1]))
    .attr('height', (d) => y(d[0]) - y(d[1]))
    .append('title')
    .text((d) => `${formatDay(d.data.start)}: ${d[1] - d[0]} ${groupName(stack, d.key)}`);
}

function drawScore(svg, overall, { x, score, step }) {
  const points = overall.series
    .filter((point) => point.mean_event_scale !== null)
    .map((point) => {
      const start = parseDay(point.start);
      return { start, middle: new Date((+start + +step(start)) / 2), value: point.mean_event_scale };
    })
    .sort((a, b) => a.start - b.start);
  // The line joins neighbouring periods only: a gap of periods with no events breaks it.
  const line = d3.line().x((d) => x(d.middle)).y((d) => score(d.value));
  const runs = [];
  for (const point of points) {
    const last = runs.at(-1)?.at(-1);
    if (last && +step(last.start) === +point.start) runs.at(-1).push(point);
    else runs.push([point]);
  }
  svg.append('g').attr('class', 'score-line').selectAll('path').data(runs).join('path').attr('d', line);
  svg.append('g').attr('class', 'score-points').selectAll('circle').data(points).join('circle')
    .attr('cx', (d) => x(d.middle)).attr('cy', (d) => score(d.value)).attr('r', 2.5)
    .append('title').text((d) => `mean score ${d.value.toFixed(1)}`);
}

function drawAxes(svg, { x, y, score }, width, height) {
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('d')));
  svg.append('g').attr('class', 'axis score-axis').attr('transform', `translate(${width - MARGIN.right},0)`)
    .call(d3.axisRight(score).ticks(4));
}

function drawBrush(svg, { x }, state, width, height, onRange) {
  const brush = d3.brushX()
    .extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, height - MARGIN.bottom]])
    .on('end', (event) => {
      if (!event.sourceEvent) return; // moved by the code, not by the reader
      onRange(event.selection ? event.selection.map((px) => x.invert(px)) : null);
    });
  const brushLayer = svg.append('g').attr('class', 'brush').call(brush);
  const since = dayOf(state.since);
  const until = dayOf(state.until);
  if (since || until) {
    const [low, high] = x.range();
    const from = since ? Math.max(low, x(since)) : low;
    const to = until ? Math.min(high, x(d3.utcDay.offset(until, 1))) : high;
    if (to > from) brushLayer.call(brush.move, [from, to]);
  }
}

function legend(keys, stack) {
  const items = keys.map((key) => {
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = groupColor(stack, key);
    return el('li', {}, [swatch, groupName(stack, key)]);
  });
  items.push(el('li', {}, [el('span', { className: 'swatch score-swatch' }), 'mean PLOVER score (right axis, -10 conflict … +10 cooperation)']));
  return el('ul', { className: 'legend' }, items);
}

/** Draws the timeline into `chart`; `onRange([from, to] | null)` when the reader brushes. */
export async function renderTimeline(chart, note, state, onRange) {
  const { grouped, overall } = await loadSeries(state);
  clear(chart);
  const { keys, rows } = pivot(grouped.series, state.stack);
  note.textContent = grouped.left_out
    ? `${grouped.left_out} matching events are undated or dated more coarsely than a ${state.interval}, and not drawn.`
    : '';
  if (!rows.length) {
    chart.append(el('p', { className: 'empty', text: 'No dated events match the filters.' }));
    return;
  }
  const width = Math.max(320, chart.clientWidth);
  const height = width < 600 ? 180 : 240;
  const svg = d3.select(chart).append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Events per ${state.interval}: ${d3.sum(grouped.series, (p) => p.events)} dated events. Drag across the chart to filter by dates.`);
  const scale = scales(rows, state.interval, width, height);
  drawBars(svg, { keys, rows }, scale, state.stack);
  drawScore(svg, overall, scale);
  drawAxes(svg, scale, width, height);
  drawBrush(svg, scale, state, width, height, onRange);
  chart.append(legend(keys, state.stack));
}
