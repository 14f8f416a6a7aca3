// Map: one marker per located event on Natural Earth country outlines; nearby markers are
// gathered into a counted cluster until the reader zooms in. Choosing one lists its events.
import { getJSON, locatedEvents } from './api.js';
import { clear, codes, el } from './dom.js';
import { filterParams } from './state.js';

const { d3, topojson } = window;
const WORLD = 'dashboard/vendor/world-atlas/countries-110m.json';
const MARKER_RADIUS = 4;
const CLUSTER_PIXELS = 14;
let countries = null;

async function loadCountries() {
  if (!countries) {
    const world = await getJSON(WORLD);
    countries = topojson.feature(world, world.objects.countries);
  }
  return countries;
}

function describe(feature) {
  const event = feature.properties;
  const place = event.event_loc?.resolved_place ?? event.event_loc?.extracted_place ?? '';
  return `${event.date ?? 'undated'} ${codes(event.actor)} ${event.event} ${codes(event.recipient)} — ${place}`;
}

/** Groups points closer than CLUSTER_PIXELS on screen at zoom `scale`, greedily. */
function clusters(points, scale) {
  const groups = [];
  for (const point of points) {
    const near = groups.find((group) => Math.hypot(group.x - point.x, group.y - point.y) * scale < CLUSTER_PIXELS);
    if (near) near.members.push(point);
    else groups.push({ x: point.x, y: point.y, members: [point] });
  }
  return groups.filter((group) => group.members.length > 1);
}

function listEvents(panel, features, onOpen) {
  clear(panel);
  panel.append(el('h3', { text: `${features.length} event${features.length === 1 ? '' : 's'} here` }));
  const items = features.map((feature) => {
    const button = el('button', { className: 'link-button', text: describe(feature), attrs: { type: 'button' } });
    button.addEventListener('click', () => onOpen(feature.properties.id));
    return el('li', {}, [button]);
  });
  panel.append(el('ul', { className: 'map-events' }, items));
  panel.querySelector('button')?.focus();
}

function activate(selection, handler) {
  selection
    .attr('tabindex', 0)
    .attr('role', 'button')
    .on('click', (event, d) => handler(d))
    .on('keydown', (event, d) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        handler(d);
      }
    });
}

function drawMarkers(layer, points, onChoose) {
  const markers = layer.append('g').attr('class', 'markers')
    .selectAll('circle').data(points).join('circle')
    .attr('class', (d) => `event-marker quad-${d.feature.properties.quad_code}`)
    .attr('data-event-id', (d) => d.feature.properties.id)
    .attr('cx', (d) => d.x).attr('cy', (d) => d.y).attr('r', MARKER_RADIUS)
    .attr('aria-label', (d) => describe(d.feature));
  markers.append('title').text((d) => describe(d.feature));
  activate(markers, (d) => onChoose([d.feature]));
  return markers;
}

function drawClusters(layer, points, scale, onChoose) {
  const groups = clusters(points, scale);
  const cluster = layer.selectAll('g.cluster').data(groups).join((enter) => {
    const g = enter.append('g').attr('class', 'cluster');
    g.append('circle');
    g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
    return g;
  });
  cluster.attr('transform', (d) => `translate(${d.x},${d.y}) scale(${1 / scale})`)
    .attr('aria-label', (d) => `${d.members.length} events`);
  cluster.select('circle').attr('r', (d) => 8 + Math.sqrt(d.members.length) * 2);
  cluster.select('text').text((d) => d.members.length);
  activate(cluster, (d) => onChoose(d.members.map((member) => member.feature)));
}

function zoomButtons(svg, zoom) {
  const steps = [['+', 'Zoom in', (s) => zoom.scaleBy(s, 2)], ['−', 'Zoom out', (s) => zoom.scaleBy(s, 0.5)],
    ['⟲', 'Whole world', (s) => zoom.transform(s, d3.zoomIdentity)]];
  return el('div', { className: 'zoom-buttons' }, steps.map(([label, name, act]) => {
    const button = el('button', { text: label, attrs: { type: 'button', 'aria-label': name, title: name } });
    button.addEventListener('click', () => svg.transition().duration(250).call(act));
    return button;
  }));
}

/** Draws the located events of the filters into `chart`, their lists into `panel`. */
export async function renderMap(chart, panel, state, onOpen) {
  const [outlines, located] = await Promise.all([loadCountries(), locatedEvents(filterParams(state))]);
  clear(chart);
  clear(panel);
  const width = Math.max(300, chart.clientWidth);
  const height = Math.round(width * 0.52);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  const svg = d3.select(chart).append('svg').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width).attr('height', height).attr('role', 'group')
    .attr('aria-label', `Map of ${located.features.length} located events`);
  const world = svg.append('g');
  world.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  world.append('g').selectAll('path').data(outlines.features).join('path').attr('class', 'country').attr('d', path)
    .append('title').text((d) => d.properties.name);
  const points = located.features.map((feature) => {
    const [x, y] = projection(feature.geometry.coordinates);
    return { x, y, feature };
  });
  const choose = (features) => listEvents(panel, features, onOpen);
  const markers = drawMarkers(world, points, choose);
  const clusterLayer = world.append('g').attr('class', 'clusters');
  drawClusters(clusterLayer, points, 1, choose);
  const zoom = d3.zoom().scaleExtent([1, 16]).translateExtent([[0, 0], [width, height]])
    .on('zoom', (event) => {
      world.attr('transform', event.transform);
      markers.attr('r', MARKER_RADIUS / event.transform.k);
    })
    .on('end', (event) => drawClusters(clusterLayer, points, event.transform.k, choose));
  svg.call(zoom);
  chart.append(zoomButtons(svg, zoom));
  const note = located.complete ? '' : ' (the first pages only)';
  chart.append(el('p', { className: 'note', text: `${located.features.length} located events${note}; nearby ones are counted together until you zoom in.` }));
}
