// The ticket list: filters, newest first, one page at a time, kept up to date once shown.
import { reportError, api } from '../api.js';
import { $, el, label, moment, openableItem, part, reconcile, show } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { state } from '../state.js';

/**
 * A ticket as the list has it (the detail has more).
 * @typedef {object} TicketSummary
 * @property {string} number
 * @property {string} [status]
 * @property {string} [priority]
 * @property {string} [sla]
 * @property {string} [subject]
 * @property {string} [customerName]
 * @property {string} [channel]
 * @property {string | null} [assignee]
 * @property {string} [updatedAt]
 * @property {string | null} [undeliverable]
 */

const PAGE = 25;       // the server's default page size
const PAGE_MAX = 100;  // the most it gives in one page

const ui = {
  filters: $('ticket-filters', HTMLFormElement), status: $('filter-status', HTMLSelectElement),
  priority: $('filter-priority', HTMLSelectElement), sla: $('filter-sla', HTMLSelectElement),
  mine: $('filter-mine', HTMLInputElement), q: $('filter-q', HTMLInputElement),
  error: $('tickets-error'), list: $('tickets'), empty: $('tickets-empty'), more: $('tickets-more', HTMLButtonElement)
};

const list = {
  loaded: false,   // the list was shown once: from then on it is kept up to date
  /** @type {TicketSummary[]} */
  items: [],       // as shown, newest first
  /** @type {string | null} */
  next: null,      // the cursor of the next page, if any
  generation: 0    // only the newest list request is shown
};

/** Ticket number → the last alert about it that the operator has not looked at. @type {Map<string, string>} */
export const alerts = new Map();

/** @type {(number: string) => void} */
let choose = () => {};

/**
 * What a click on a ticket does: the detail is not this module's to show.
 * @param {(number: string) => void} handler
 */
export function onTicketChosen(handler) {
  choose = handler;
}

export function isListLoaded() {
  return list.loaded;
}

function filters() {
  const params = new URLSearchParams();
  const chosen = { status: ui.status.value, priority: ui.priority.value, sla: ui.sla.value, q: ui.q.value.trim() };
  for (const [name, value] of Object.entries(chosen)) {
    if (value) { params.set(name, value); }
  }
  if (ui.mine.checked && state.operator) {
    params.set('assignee', state.operator.username);
  }
  return params;
}

/**
 * Loads the list: 'reset' (the filters changed) starts from the first page, 'refresh' reloads as
 * many as are shown (new tickets on top, changes in place), 'more' adds the next page. Only the
 * newest request counts: an older answer arriving late is dropped. Problems are shown, not thrown.
 * @param {'reset' | 'refresh' | 'more'} how
 * @returns {Promise<void>}
 */
export async function loadTickets(how) {
  const params = filters();
  if (how === 'more') {
    if (!list.next) { return; }
    params.set('cursor', list.next);
  } else if (how === 'refresh' && list.items.length > PAGE) {
    params.set('limit', String(Math.min(list.items.length, PAGE_MAX)));
  }
  const generation = ++list.generation;
  ui.more.disabled = true;
  try {
    const page = await api('GET', '/api/operator/tickets?' + params.toString());
    if (generation !== list.generation) { return; }
    /** @type {TicketSummary[]} */
    let items = (page && page.items) || [];
    if (how === 'more') {
      const shown = new Set(list.items.map((t) => t.number));
      items = list.items.concat(items.filter((t) => !shown.has(t.number)));
    }
    list.items = items;
    list.next = (page && page.next) || null;
    list.loaded = true;
    show(ui.error, false);
    renderTickets();
  } catch (error) {
    if (generation === list.generation) { reportError(error, ui.error); }
  } finally {
    if (generation === list.generation) { ui.more.disabled = false; }
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;

/** A burst of ticket changes is read once, and only into a list that is shown. */
export function loadTicketsSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    if (list.loaded) { loadTickets('refresh'); }
  }, 150);
}

export function renderTickets() {
  reconcile(ui.list, list.items, (t) => t.number, createItem, updateItem);
  show(ui.empty, list.loaded && list.items.length === 0);
  show(ui.more, !!list.next);
}

function createItem() {
  return openableItem('ticket-item', [
    el('span', { className: 'who ticket-no' }),
    el('span', { className: 'badge ticket-state' }),
    el('span', { className: 'badge ticket-priority' }),
    el('span', { className: 'badge sla' }),
    el('span', { className: 'badge alert-badge' }),
    el('span', { className: 'badge undeliverable-badge', text: TEXT.tickets.unreachable })
  ], [el('span', { className: 'preview' }), el('span', { className: 'item-meta' })], (li) => choose(li.dataset.number || ''));
}

/**
 * @param {HTMLElement} li
 * @param {TicketSummary} ticket
 */
function updateItem(li, ticket) {
  const alert = alerts.get(ticket.number);
  li.dataset.number = ticket.number;
  li.classList.toggle('is-open', ticket.number === state.ticketNumber);
  li.classList.toggle('has-alert', !!alert);
  li.classList.toggle('is-undeliverable', !!ticket.undeliverable);
  part(li, '.ticket-no').textContent = ticket.number;
  setBadge(part(li, '.ticket-state'), 'ticketStatus', TEXT.ticketStatus, ticket.status);
  setBadge(part(li, '.ticket-priority'), 'priority', TEXT.ticketPriority, ticket.priority);
  setSlaBadge(part(li, '.sla'), ticket.sla);
  part(li, '.alert-badge').textContent = alert ? label(TEXT.ticketAlerts, alert) : '';
  const preview = part(li, '.preview');
  preview.textContent = ticket.subject || '—';
  preview.title = ticket.subject || '';
  part(li, '.item-meta').textContent = [
    ticket.customerName,
    label(TEXT.channel, ticket.channel),
    ticket.assignee ? fill(TEXT.tickets.assignedTo, { who: ticket.assignee }) : TEXT.tickets.unassigned,
    fill(TEXT.tickets.updated, { when: moment(ticket.updatedAt) })
  ].join(' · ');
}

/**
 * A badge's word, and its value as a data attribute for its colour.
 * @param {HTMLElement} node
 * @param {string} key
 * @param {Readonly<Record<string, string>>} texts
 * @param {string | undefined} value
 */
export function setBadge(node, key, texts, value) {
  node.textContent = label(texts, value);
  node.dataset[key] = value || '';
}

/**
 * The SLA in words as well as in colour.
 * @param {HTMLElement} node
 * @param {string | undefined} sla
 */
export function setSlaBadge(node, sla) {
  node.textContent = fill(TEXT.tickets.slaBadge, { state: label(TEXT.sla, sla) });
  node.dataset.sla = sla || '';
}

/** Logged out: the list, its filters and its alerts start over. */
export function resetTicketList() {
  clearTimeout(reloadTimer);
  Object.assign(list, { loaded: false, items: [], next: null, generation: list.generation + 1 });
  alerts.clear();
  ui.list.replaceChildren();
  show(ui.empty, false);
  show(ui.more, false);
  show(ui.error, false);
  ui.filters.reset();
}

export function wireTicketList() {
  ui.filters.addEventListener('submit', (event) => {
    event.preventDefault();
    loadTickets('reset');
  });
  ui.filters.addEventListener('change', (event) => {
    // The text is searched on Enter (submit); the choices apply at once.
    if (event.target !== ui.q) { loadTickets('reset'); }
  });
  ui.more.addEventListener('click', () => loadTickets('more'));
}
