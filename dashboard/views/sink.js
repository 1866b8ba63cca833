// The outgoing messages sink: what would have been sent to customers (email, WhatsApp, SMS) by a
// server without provider credentials. A server that has them has no sink, and answers 404.
import { ApiError, api, reportError } from '../api.js';
import { $, el, label, moment, onSubmit, show, timeNode } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

const PAGE = 50;

const ui = {
  filters: $('sink-filters', HTMLFormElement), to: $('sink-to', HTMLInputElement), error: $('sink-error'),
  unavailable: $('sink-unavailable'), list: $('sink'), empty: $('sink-empty')
};

let generation = 0; // only the newest request is shown

export async function loadSink() {
  const params = new URLSearchParams({ limit: String(PAGE) });
  const to = ui.to.value.trim();
  if (to) {
    params.set('to', to);
  }
  const mine = ++generation;
  try {
    const data = await api('GET', '/api/operator/sink?' + params.toString());
    if (mine === generation) {
      show(ui.error, false);
      show(ui.unavailable, false);
      render((data && data.items) || []);
    }
  } catch (error) {
    if (mine !== generation) {
      return;
    }
    if (error instanceof ApiError && error.status === 404) {
      ui.list.replaceChildren();
      show(ui.empty, false);
      show(ui.error, false);
      show(ui.unavailable, true);
      return;
    }
    reportError(error, ui.error);
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;

export function loadSinkSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(loadSink, 300);
}

/**
 * @param {{ id: string, at?: string, channel?: string, to?: string, ticket?: string, notification?: string, subject?: string, text?: string }[]} items
 */
function render(items) {
  ui.list.replaceChildren(...items.map((item) => el('li', { className: 'sink-item', attrs: { 'data-id': item.id } }, [
    el('div', { className: 'meta' }, [
      timeNode(item.at, moment),
      el('span', { className: 'badge channel', text: label(TEXT.channel, item.channel) }),
      el('span', { className: 'sink-to', text: fill(TEXT.sink.addressee, { to: item.to || '' }) }),
      !!item.ticket && el('span', { className: 'sink-ticket', text: fill(TEXT.sink.ticket, { number: item.ticket }) }),
      !!item.notification && el('span', { className: 'sink-kind', text: item.notification })
    ]),
    !!item.subject && el('div', { className: 'sink-subject', text: item.subject }),
    el('div', { className: 'text', text: item.text || '' })
  ])));
  show(ui.empty, items.length === 0);
}

export function resetSink() {
  generation += 1;
  ui.list.replaceChildren();
}

export function wireSink() {
  onSubmit(ui.filters, loadSink);
}
