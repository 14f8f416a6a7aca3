// Evidence: the sentence an event was coded from, its trigger in a <mark>, the actor and
// recipient mentions marked, the date and where it came from, the article and the other
// articles reporting the same event. Everything from articles goes in as text.
import { getJSON } from './api.js';
import { QUADS } from './colors.js';
import { clear, codes, el, externalLink } from './dom.js';

const DATE_SOURCES = {
  text: 'the sentence’s own time expression',
  anchor: 'the event it is anchored to in the text',
  narrative: 'the article’s narrative time',
  publication: 'the article’s publication date',
  publication_fallback: 'the publication date, for want of any other',
};

/** Where `text` is in `sentence`: at `hint` if it is there, else the occurrence nearest it. */
function locate(sentence, text, hint) {
  if (!text) return null;
  if (Number.isInteger(hint) && sentence.startsWith(text, hint)) return [hint, hint + text.length];
  let best = -1;
  for (let at = sentence.indexOf(text); at >= 0; at = sentence.indexOf(text, at + 1)) {
    if (best < 0 || Math.abs(at - (hint ?? 0)) < Math.abs(best - (hint ?? 0))) best = at;
  }
  return best < 0 ? null : [best, best + text.length];
}

function overlaps(range, taken) {
  return taken.some((other) => range[0] < other.end && other.start < range[1]);
}

/** Non-overlapping spans of the sentence to mark: the trigger first, then the mentions. */
function spans(sentence, event, evidence) {
  const offset = evidence.sentence_start ?? 0;
  const hint = Number.isInteger(evidence.trigger_start) ? evidence.trigger_start - offset : null;
  const taken = [];
  const trigger = locate(sentence, evidence.trigger, hint);
  if (trigger) taken.push({ start: trigger[0], end: trigger[1], kind: 'trigger' });
  const mentions = [...(event.actor ?? []).map((e) => [e, 'actor']), ...(event.recipient ?? []).map((e) => [e, 'recipient'])];
  for (const [entity, kind] of mentions) {
    for (const text of [entity.entity_text, entity.identifier_text]) {
      const range = locate(sentence, text, null);
      if (range && !overlaps(range, taken)) {
        taken.push({ start: range[0], end: range[1], kind, code: entity.code });
        break;
      }
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

function sentenceBlock(event, evidence) {
  const sentence = evidence.sentence ?? event.text ?? '';
  const block = el('blockquote', { className: 'evidence-sentence' });
  let at = 0;
  for (const span of spans(sentence, event, evidence)) {
    block.append(document.createTextNode(sentence.slice(at, span.start)));
    const text = sentence.slice(span.start, span.end);
    block.append(span.kind === 'trigger'
      ? el('mark', { className: 'trigger', text, attrs: { title: 'trigger' } })
      : el('span', { className: `mention ${span.kind}`, text, attrs: { title: `${span.kind} ${span.code ?? ''}` } }));
    at = span.end;
  }
  block.append(document.createTextNode(sentence.slice(at)));
  return block;
}

function fact(term, ...values) {
  return [el('dt', { text: term }), el('dd', {}, values)];
}

function entities(list) {
  if (!list?.length) return '—';
  return list.map((e) => `${e.code ?? '?'}${e.sector ? ` ${e.sector}` : ''} (${e.entity_text ?? ''})`).join('; ');
}

function facts(event) {
  const place = event.event_loc;
  const dateSource = DATE_SOURCES[event.date_source] ?? event.date_source ?? 'unknown';
  return el('dl', { className: 'facts' }, [
    ...fact('Event', `${event.event} (${QUADS[event.quad_code] ?? 'no quad'}), score ${event.event_scale ?? '—'}`),
    ...fact('Status', el('span', { className: `status status-${event.status}`, text: event.status })),
    ...fact('Date', `${event.date ?? 'undated'} (${event.date_precision ?? '—'}), from ${dateSource}`),
    ...fact('Actor', entities(event.actor)),
    ...fact('Recipient', entities(event.recipient)),
    ...fact('Confidence', event.confidence === null ? '—' : event.confidence.toFixed(3)),
    ...fact('Place', place ? `${place.resolved_place ?? place.extracted_place} (${place.country_code ?? '—'})` : '—'),
  ]);
}

function articleBlock(article) {
  if (!article) return el('p', { text: 'The article is not in the store.' });
  return el('div', { className: 'article' }, [
    el('h3', { className: 'article-title', text: article.title || article.id }),
    el('p', { text: [article.source, article.published].filter(Boolean).join(' · ') }),
    article.url ? el('p', {}, [externalLink(article.url, 'Read the article')]) : null,
  ]);
}

function reportItem(report, onOpen) {
  const article = report.article ?? {};
  const button = el('button', { className: 'link-button', text: article.title || article.id || report.event_id, attrs: { type: 'button' } });
  button.addEventListener('click', () => onOpen(report.event_id));
  const details = [article.source, report.date].filter(Boolean).join(' · ');
  return el('li', {}, [button, details ? ` — ${details} ` : ' ', article.url ? externalLink(article.url, 'link') : null]);
}

function otherReports(detail, onOpen) {
  const reports = detail.other_reports ?? [];
  if (!reports.length) return el('p', { text: 'No other article in the store reports this event.' });
  return el('div', {}, [
    el('h3', { text: `Also reported by ${reports.length} other article${reports.length === 1 ? '' : 's'}` }),
    el('ul', { className: 'reports' }, reports.map((report) => reportItem(report, onOpen))),
  ]);
}

async function articleEvents(detail, onOpen) {
  if (!detail.article) return null;
  const { events } = await getJSON(`articles/${encodeURIComponent(detail.article.id)}`);
  const others = events.filter((event) => event.id !== detail.event.id);
  if (!others.length) return null;
  const items = others.map((event) => {
    const button = el('button', { className: 'link-button', text: `${codes(event.actor)} ${event.event} ${codes(event.recipient)}`, attrs: { type: 'button' } });
    button.addEventListener('click', () => onOpen(event.id));
    return el('li', {}, [button, ` — ${event.text ?? ''}`]);
  });
  return el('details', {}, [el('summary', { text: `${others.length} more events in this article` }), el('ul', {}, items)]);
}

/** Shows the event `eventId` in `container`, or a hint when none is chosen. */
export async function renderEvidence(container, eventId, onOpen) {
  if (!eventId) {
    clear(container).append(el('p', { className: 'empty', text: 'Choose an event in the table, the map or a trip to see the sentence it was coded from.' }));
    return;
  }
  const detail = await getJSON(`events/${encodeURIComponent(eventId)}`);
  const more = await articleEvents(detail, onOpen);
  clear(container).append(
    sentenceBlock(detail.event, detail.evidence),
    el('p', { className: 'legend-line' }, [
      el('span', { className: 'trigger-sample', text: 'trigger' }), ' ',
      el('span', { className: 'mention actor', text: 'actor' }), ' ',
      el('span', { className: 'mention recipient', text: 'recipient' }),
    ]),
    facts(detail.event),
    articleBlock(detail.article),
    otherReports(detail, onOpen),
    more,
  );
}
