// Requests to the polex HTTP API, relative to the page (the same server).

const GEOJSON_PAGE = 1000;
const GEOJSON_MAX_PAGES = 20;

function urlOf(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

async function request(path, params) {
  const response = await fetch(urlOf(path, params), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new Error(`${response.status} ${detail}`);
  }
  return response;
}

export async function getJSON(path, params = {}) {
  return (await request(path, params)).json();
}

/**
 * How many events match: a yearly series counts every dated event once and says how many
 * it left out (undated ones), so the two add up to the total without listing the events.
 */
export async function countEvents(filters) {
  const body = await getJSON('series', { ...filters, interval: 'year' });
  return body.series.reduce((sum, point) => sum + point.events, 0) + body.left_out;
}

/** The located events matching the filters, as GeoJSON features, page after page. */
export async function locatedEvents(filters) {
  const features = [];
  let cursor = null;
  for (let page = 0; page < GEOJSON_MAX_PAGES; page += 1) {
    const response = await request('events', { ...filters, format: 'geojson', limit: GEOJSON_PAGE, cursor });
    features.push(...(await response.json()).features);
    cursor = response.headers.get('X-Next-Cursor');
    if (!cursor) return { features, complete: true };
  }
  return { features, complete: false };
}

export async function eventPage(filters, limit, cursor) {
  return getJSON('events', { ...filters, limit, cursor });
}
