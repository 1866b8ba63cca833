// The open ticket: contact, status, priority, both SLA clocks, its history and its chat
// transcript; and what operators do with it (reply, notes, status, priority, assignment).
import { api, reportError } from '../api.js';
import { $, el, label, moment, onSubmit, sendOnEnter, shortId, show, timeNode, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { state } from '../state.js';
import { ratingNode } from './rating.js';
import { ReplyPicker } from './reply-picker.js';
import { AttachControl, attachmentView } from './attachments.js';
import { chatPath, eventWords, messageNode } from './timeline.js';
import { alerts, loadTicketsSoon, renderTickets, resetTicketList, setBadge, setSlaBadge } from './tickets.js';

/** @typedef {{ state: string, warnAt?: string, dueAt?: string, endedAt?: string | null }} SlaClock */
/** @typedef {{ kind: string, sequence?: number, author?: string, text?: string, at?: string, attachment?: unknown }} Entry */
/**
 * @typedef {import('./tickets.js').TicketSummary & {
 *   contact?: { name?: string, channel?: string, address?: string },
 *   description?: string, language?: string, source?: string, sessionId?: string | null, createdAt?: string,
 *   firstResponse?: SlaClock | null, resolution?: SlaClock | null, nextStatuses?: string[],
 *   entries?: Entry[], transcript?: import('./timeline.js').ChatMessage[], rating?: import('./rating.js').Rating | null
 * }} Ticket
 */

const ENTRY_KINDS = ['internal_note', 'public_note', 'reply', 'customer_message', 'event'];

const ui = {
  ticket: $('ticket'), placeholder: $('ticket-placeholder'), body: $('ticket-body'),
  number: $('ticket-number'), status: $('ticket-status'), priority: $('ticket-priority'), sla: $('ticket-sla'),
  assign: $('ticket-assign'), alert: $('ticket-alert'), error: $('ticket-error'), alertsCount: $('tickets-alerts'),
  subject: $('ticket-subject'), description: $('ticket-description'), undeliverable: $('ticket-undeliverable'),
  facts: $('ticket-facts'), statusForm: $('ticket-status-form', HTMLFormElement), nextStatus: $('ticket-next-status', HTMLSelectElement),
  priorityForm: $('ticket-priority-form', HTMLFormElement), newPriority: $('ticket-new-priority', HTMLSelectElement),
  closedHint: $('ticket-closed-hint'), entries: $('ticket-entries'), transcriptBox: $('ticket-transcript-box'),
  transcriptTitle: $('ticket-transcript-title'), transcript: $('ticket-transcript'),
  composer: $('ticket-composer', HTMLFormElement), modeReply: $('ticket-mode-reply', HTMLButtonElement), modeNote: $('ticket-mode-note'),
  publicOption: $('ticket-public-option'), notePublic: $('ticket-note-public', HTMLInputElement),
  textLabel: $('ticket-text-label'), text: $('ticket-text', HTMLTextAreaElement), hint: $('ticket-hint'), send: $('ticket-send', HTMLButtonElement)
};

/**
 * A ticket's operator API path (its attachments are under it).
 * @param {string} number
 */
function ticketPath(number) {
  return '/api/operator/tickets/' + encodeURIComponent(number);
}

/** Staff may add a photo or a PDF to the ticket; the ticket is read again with it. */
const attach = new AttachControl(/** @type {HTMLElement} */ (ui.send.parentElement), {
  current: () => state.ticketNumber,
  path: ticketPath,
  sent: (_, number) => { if (number === state.ticketNumber) { loadTicket(); } loadTicketsSoon(); }
});

/** @type {Ticket | null} */
let open = null;
/** @type {'reply' | 'note'} */
let mode = 'reply';
let busy = false;

/**
 * @param {string} number
 * @returns {Promise<void>}
 */
export function openTicket(number) {
  if (!number) {
    return Promise.resolve();
  }
  if (state.ticketNumber !== number) {
    state.ticketNumber = number;
    open = null;
    mode = 'reply';
    ui.text.value = '';
    ui.notePublic.checked = false;
    ui.ticket.dataset.number = number;
    delete ui.ticket.dataset.status;
    ui.number.textContent = number;
    for (const node of [ui.subject, ui.description, ui.status, ui.priority, ui.sla]) { node.textContent = ''; }
    for (const node of [ui.facts, ui.entries, ui.transcript]) { node.replaceChildren(); }
    for (const node of [ui.transcriptBox, ui.error, ui.placeholder]) { show(node, false); }
    attach.clear();
    show(ui.body, true);
  }
  alerts.delete(number);
  renderTicketAlerts();
  renderComposer();
  return loadTicket();
}

/** Logged out: no ticket open, and the list and its alerts start over. */
export function resetTickets() {
  state.ticketNumber = null;
  open = null;
  delete ui.ticket.dataset.number;
  delete ui.ticket.dataset.status;
  show(ui.body, false);
  show(ui.placeholder, true);
  resetTicketList();
  renderTicketAlerts();
}

/** Reads the open ticket again; a problem is shown in the ticket, never thrown. */
export async function loadTicket() {
  const number = state.ticketNumber;
  if (!number) {
    return;
  }
  try {
    const ticket = await api('GET', '/api/operator/tickets/' + encodeURIComponent(number));
    if (state.ticketNumber === number && ticket) {
      open = ticket;
      renderTicket(ticket);
    }
  } catch (error) {
    if (state.ticketNumber === number) { reportError(error, ui.error); }
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;

/**
 * A ticket changed (the hub says so): the list is read again, and the open ticket if it is the one.
 * @param {string | undefined} number
 */
export function ticketChanged(number) {
  loadTicketsSoon();
  if (number && number === state.ticketNumber) {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => { if (!busy) { loadTicket(); } }, 150);
  }
}

/**
 * An alert for this operator: a toast (read out by screen readers) and a mark until the ticket is looked at.
 * @param {string} number
 * @param {string} alert
 */
export function ticketAlert(number, alert) {
  alerts.set(number, alert);
  toast(fill(TEXT.ticket.alert, { number, alert: label(TEXT.ticketAlerts, alert) }), 'alert');
  renderTicketAlerts();
}

/** @param {Ticket} ticket */
function renderTicket(ticket) {
  ui.ticket.dataset.status = ticket.status;
  ui.number.textContent = ticket.number;
  setBadge(ui.status, 'ticketStatus', TEXT.ticketStatus, ticket.status);
  setBadge(ui.priority, 'priority', TEXT.ticketPriority, ticket.priority);
  setSlaBadge(ui.sla, ticket.sla);
  ui.subject.textContent = ticket.subject || '';
  ui.description.textContent = ticket.description || '';
  show(ui.description, !!ticket.description);
  ui.undeliverable.textContent = ticket.undeliverable ? fill(TEXT.ticket.undeliverable, { reason: ticket.undeliverable }) : '';
  show(ui.undeliverable, !!ticket.undeliverable);
  renderFacts(ticket);
  renderControls(ticket);
  renderEntries(ticket.entries || [], ticketPath(ticket.number));
  renderTranscript(ticket.transcript || [], chatPath(ticket.sessionId));
  renderComposer();
  renderTicketAlerts();
}

/** @param {Ticket} ticket */
function renderFacts(ticket) {
  const contact = ticket.contact || {};
  const terms = TEXT.ticket.facts;
  /** @type {[string, Node][]} */
  const facts = [
    [terms.customer, text(contact.name)],
    [terms.contact, text(label(TEXT.channel, contact.channel) + ' · ' + (contact.address || ''))],
    [terms.language, text(String(ticket.language || '').toUpperCase())],
    [terms.source, text(label(TEXT.source, ticket.source) + (ticket.sessionId ? fill(TEXT.ticket.fromChat, { id: shortId(ticket.sessionId) }) : ''))],
    [terms.assignee, text(ticket.assignee || TEXT.ticket.nobody)],
    [terms.created, text(moment(ticket.createdAt))],
    [terms.updated, text(moment(ticket.updatedAt))],
    [terms.firstResponse, slaClock(ticket.firstResponse)],
    [terms.resolution, slaClock(ticket.resolution)],
    ...(ticket.rating ? [/** @type {[string, Node]} */ ([terms.rating, ratingNode(ticket.rating)])] : [])
  ];
  ui.facts.replaceChildren(...facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, [value])]));
}

/** @param {unknown} value */
function text(value) {
  return document.createTextNode(value == null ? '' : String(value));
}

/**
 * One promise of the SLA: its state, and its times in the park's time zone.
 * @param {SlaClock | null | undefined} clock
 */
function slaClock(clock) {
  const node = el('span', { className: 'sla-clock' });
  if (!clock) {
    return node;
  }
  const badge = el('span', { className: 'badge sla' });
  setSlaBadge(badge, clock.state);
  const running = clock.state === 'active' || clock.state === 'warning';
  const due = fill(TEXT.ticket.dueAt, { when: moment(clock.dueAt) });
  const parts = running
    ? [fill(TEXT.ticket.warnAt, { when: moment(clock.warnAt) }), due]
    : [due, ...(clock.endedAt ? [fill(TEXT.ticket.endedAt, { when: moment(clock.endedAt) })] : [])];
  node.append(badge, el('span', { className: 'sla-times', text: parts.join(' · ') + TEXT.ticket.romeTime }));
  return node;
}

/** @param {Ticket} ticket */
function renderControls(ticket) {
  // The server says where the ticket may go next (and stays the judge: a 409 is shown as it explains it).
  const next = ticket.nextStatuses || [];
  const chosen = ui.nextStatus.value;
  ui.nextStatus.replaceChildren(...next.map((status) => el('option', { text: label(TEXT.ticketStatus, status), attrs: { value: status } })));
  if (next.includes(chosen)) { ui.nextStatus.value = chosen; }
  show(ui.statusForm, next.length > 0);

  const closed = ticket.status === 'closed';
  show(ui.priorityForm, !closed);
  // Set only when the ticket's own priority changes, so a refresh does not undo the operator's pick.
  if (ui.newPriority.dataset.current !== ticket.number + ':' + ticket.priority) {
    ui.newPriority.dataset.current = ticket.number + ':' + ticket.priority;
    ui.newPriority.value = ticket.priority || '';
  }
  show(ui.closedHint, closed);

  const mine = !!state.operator && ticket.assignee === state.operator.username;
  ui.assign.textContent = mine ? TEXT.ticket.unassign : TEXT.ticket.assign;
  show(ui.assign, !closed);
}

/**
 * @param {Entry[]} entries
 * @param {string} base the ticket's API path, for its attachments
 */
function renderEntries(entries, base) {
  ui.entries.replaceChildren(...entries.map((entry) => {
    const kind = ENTRY_KINDS.includes(entry.kind) ? entry.kind : 'event';
    return el('li', { className: 'entry ' + kind, attrs: { 'data-kind': kind, 'data-sequence': entry.sequence } }, [
      el('div', { className: 'meta' }, [
        el('span', { className: 'entry-label', text: label(TEXT.entryKind, kind) }),
        el('span', { className: 'author', text: entry.author || '' }),
        kind === 'internal_note' && el('span', { className: 'note-hint', text: TEXT.notForCustomer }),
        timeNode(entry.at, moment)
      ]),
      el('div', { className: 'text', text: kind === 'event' ? eventWords(entry.text || '') : entry.text || '' }),
      attachmentView(entry.attachment, base)
    ]);
  }));
}

/**
 * @param {import('./timeline.js').ChatMessage[]} messages
 * @param {string | null} base the conversation's API path, for its attachments
 */
function renderTranscript(messages, base) {
  ui.transcript.replaceChildren(...messages.map((message) => messageNode(message, base)));
  ui.transcriptTitle.textContent = messages.length === 1 ? TEXT.ticket.transcriptOne : fill(TEXT.ticket.transcriptMany, { count: messages.length });
  show(ui.transcriptBox, messages.length > 0);
}

/** The alerts' count on the tab, the open ticket's alert, and the marks in the list. */
export function renderTicketAlerts() {
  ui.alertsCount.textContent = String(alerts.size);
  show(ui.alertsCount, alerts.size > 0);
  const alert = state.ticketNumber ? alerts.get(state.ticketNumber) : null;
  ui.alert.textContent = alert ? fill(TEXT.ticket.alertShown, { alert: label(TEXT.ticketAlerts, alert) }) : '';
  show(ui.alert, !!alert);
  renderTickets();
}

/**
 * Runs one change on the open ticket. Its answer holds only the entries the change added, so the
 * ticket is read again, refused or not: a refusal (409) usually means it changed meanwhile.
 * @param {string} method
 * @param {string} path
 * @param {unknown} body
 * @param {() => void} done
 */
async function ticketAction(method, path, body, done) {
  const number = state.ticketNumber;
  if (!number || busy) {
    return;
  }
  busy = true;
  show(ui.error, false);
  const buttons = ui.body.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  renderComposer();
  try {
    await api(method, '/api/operator/tickets/' + encodeURIComponent(number) + path, body);
    alerts.delete(number);
    done();
    loadTicketsSoon();
  } catch (error) {
    reportError(error, ui.error);
  }
  busy = false;
  buttons.forEach((b) => { b.disabled = false; });
  await loadTicket();
  renderComposer();
}

/** Replies and public notes reach the customer; internal notes never do, and stay possible on a closed ticket. */
function renderComposer() {
  const ticket = open;
  const closed = !!ticket && ticket.status === 'closed';
  const note = mode === 'note' || closed;
  if (closed) { ui.notePublic.checked = false; }
  const isPublic = note && ui.notePublic.checked;
  ui.composer.dataset.mode = note ? (isPublic ? 'public-note' : 'note') : 'reply';
  ui.modeReply.setAttribute('aria-pressed', note ? 'false' : 'true');
  ui.modeNote.setAttribute('aria-pressed', note ? 'true' : 'false');
  ui.modeReply.disabled = closed || busy;
  show(ui.publicOption, note);
  ui.notePublic.disabled = closed || busy;
  const channel = ticket && ticket.contact ? label(TEXT.channel, ticket.contact.channel) : '';
  ui.textLabel.textContent = !note ? TEXT.ticket.reply : isPublic ? TEXT.ticket.publicNote : TEXT.ticket.internalNote;
  ui.text.placeholder = !note
    ? fill(TEXT.desk.ticketReply, { channel: channel ? TEXT.desk.sentVia + channel : '' })
    : isPublic ? TEXT.desk.ticketPublicNote : TEXT.desk.ticketInternalNote;
  ui.send.textContent = !note ? TEXT.ticket.sendReply : isPublic ? TEXT.ticket.publishNote : TEXT.ticket.saveNote;
  ui.text.disabled = !ticket || busy;
  ui.send.disabled = !ticket || busy;
  attach.setEnabled(!!ticket && !note); // a file sent to a ticket is a reply: the customer is told
  ui.hint.textContent = !note ? '' : isPublic ? TEXT.ticket.hintPublic : TEXT.ticket.hintInternal;
}

function submitText() {
  const value = ui.text.value;
  if (!open || !value.trim() || busy) {
    return;
  }
  const cleared = () => { if (ui.text.value === value) { ui.text.value = ''; } };
  const request = ui.composer.dataset.mode !== 'reply'
    ? ticketAction('POST', '/notes', { text: value, public: ui.notePublic.checked }, cleared)
    : ticketAction('POST', '/reply', { text: value }, cleared);
  request.then(() => { if (!ui.text.disabled) { ui.text.focus(); } });
}

/** @param {'reply' | 'note'} value */
function setMode(value) {
  mode = value;
  renderComposer();
  ui.text.focus();
}

function assign() {
  const ticket = open;
  const me = state.operator;
  if (!ticket || !me) {
    return;
  }
  const mine = ticket.assignee === me.username;
  ticketAction('POST', '/assign', { assignee: mine ? null : me.username }, () => {
    toast(fill(mine ? TEXT.ticket.unassigned : TEXT.ticket.assigned, { number: ticket.number }), 'info');
  });
}

function changeStatus() {
  const to = ui.nextStatus.value;
  if (!to || !open) {
    return;
  }
  const number = open.number;
  ticketAction('POST', '/status', { status: to }, () => {
    toast(fill(TEXT.ticket.statusChanged, { number, status: label(TEXT.ticketStatus, to).toLowerCase() }), 'info');
  });
}

function changePriority() {
  const priority = ui.newPriority.value;
  if (!open || priority === open.priority) {
    return;
  }
  const number = open.number;
  ticketAction('PATCH', '', { priority }, () => {
    toast(fill(TEXT.ticket.priorityChanged, { number, priority: label(TEXT.ticketPriority, priority).toLowerCase() }), 'info');
  });
}

export function wireTicket() {
  ui.assign.addEventListener('click', assign);
  onSubmit(ui.statusForm, changeStatus);
  onSubmit(ui.priorityForm, changePriority);
  onSubmit(ui.composer, submitText);
  new ReplyPicker(ui.text, () => ({
    language: open && open.language,
    values: { visitor_name: open && open.contact && open.contact.name, ticket_number: open && open.number }
  }));
  sendOnEnter(ui.text, ui.composer);
  ui.modeReply.addEventListener('click', () => setMode('reply'));
  ui.modeNote.addEventListener('click', () => setMode('note'));
  ui.notePublic.addEventListener('change', renderComposer);
}
