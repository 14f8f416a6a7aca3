// Building elements from data. Text from articles only ever goes in as text nodes.

/** An element with a class, text and attributes; children are elements or strings. */
export function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** The URL if it is an http(s) one, else null: no javascript:, data: or other links. */
export function safeHref(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link opening outside the page when the URL is http(s); else the URL as plain text. */
export function externalLink(url, label) {
  const href = safeHref(url);
  if (!href) return el('span', { className: 'unsafe-url', text: url ? `${label} (link not shown)` : '' });
  return el('a', { text: label, attrs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } });
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Runs `work`, showing its error in `region` (as text) if it fails. */
export async function showingErrors(region, work) {
  region.querySelector(':scope > .error')?.remove();
  try {
    return await work();
  } catch (error) {
    region.append(el('p', { className: 'error', text: `Could not load: ${error.message}`, attrs: { role: 'alert' } }));
    return undefined;
  }
}

/** The codes of an event's actors or recipients, joined. */
export function codes(entities) {
  return (entities ?? []).map((entity) => entity.code).filter(Boolean).join(', ');
}
