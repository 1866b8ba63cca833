// What an operator does with a chat beyond writing: take it, transfer it, put it back in the
// queue, ask the visitor to close, close it with an outcome, open a ticket from it.
import { ApiError, api, reportError } from '../api.js';
import { $, el, label, onSubmit, show, toast } from '../dom.js';
import { loadMe } from '../header.js';
import { TEXT, fill } from '../i18n/text.js';
import { isSupervisor, state } from '../state.js';
import { applySummary, closeChat, loadOpenChat, openChat } from './chat.js';
import { loadChats, loadQueue } from './queue.js';
import { openTicket } from './ticket.js';
import { loadTicketsSoon } from './tickets.js';

const ui = {
  body: $('chat-body'), error: $('chat-error'), messages: $('messages'),
  take: $('action-take', HTMLButtonElement), transfer: $('action-transfer'), release: $('action-release'),
  closeRequest: $('action-close-request'), close: $('action-close'), ticket: $('action-ticket'),
  transferForm: $('transfer-form', HTMLFormElement), transferLabel: $('transfer-label', HTMLLabelElement),
  transferOperator: $('transfer-operator', HTMLSelectElement), transferUsername: $('transfer-username', HTMLInputElement),
  closeForm: $('close-form', HTMLFormElement), closeOutcome: $('close-outcome', HTMLSelectElement),
  ticketForm: $('ticket-form', HTMLFormElement), ticketName: $('ticket-form-name', HTMLInputElement),
  ticketContact: $('ticket-form-contact', HTMLInputElement), ticketChannel: $('ticket-form-channel', HTMLSelectElement),
  ticketSubject: $('ticket-form-subject', HTMLInputElement), ticketPriority: $('ticket-form-priority', HTMLSelectElement)
};

/** Chats this operator is taking: the hub's "assigned" for them adds nothing to the take's own toast. */
/** @type {Set<string>} */
export const justTaken = new Set();

/**
 * One winner among concurrent takes: the others are told why (409) and see the queue as it is.
 * @param {string} sessionId
 * @param {HTMLButtonElement} [button]
 */
export function takeChat(sessionId, button) {
  if (button) { button.disabled = true; }
  justTaken.add(sessionId);
  api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/take')
    .then((summary) => {
      toast(TEXT.chatActions.taken, 'info');
      state.fresh.delete(sessionId);
      return Promise.all([loadQueue(), loadChats(), loadMe()]).then(() => openChat(sessionId, summary));
    })
    .catch((error) => {
      justTaken.delete(sessionId);
      if (error instanceof ApiError && error.status === 409) {
        toast(error.message, 'error');
        loadQueue().catch(reportError);
        if (state.openId === sessionId) { loadOpenChat().catch(reportError); }
      } else {
        reportError(error);
      }
    })
    .then(() => { if (button) { button.disabled = false; } });
}

/**
 * Runs one action on the open chat, its buttons disabled meanwhile, then reads everything it changed.
 * @param {string} path
 * @param {unknown} body
 * @param {() => void} done
 */
function chatAction(path, body, done) {
  const sessionId = state.openId;
  if (!sessionId) {
    return;
  }
  show(ui.error, false);
  const buttons = ui.body.querySelectorAll('.chat-actions button, .drawer button[type="submit"]');
  buttons.forEach((b) => { /** @type {HTMLButtonElement} */ (b).disabled = true; });
  api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/' + path, body)
    .then((summary) => {
      applySummary(summary);
      done();
      return Promise.all([loadQueue(), loadChats(), loadMe(), loadOpenChat()]);
    })
    .catch((error) => reportError(error, ui.error))
    .then(() => {
      buttons.forEach((b) => { /** @type {HTMLButtonElement} */ (b).disabled = false; });
    });
}

/** @param {string} text */
function showProblem(text) {
  ui.error.textContent = text;
  show(ui.error, true);
}

/**
 * One drawer at a time under the chat's head; the button of an open drawer closes it.
 * @param {HTMLFormElement} drawer
 * @returns {boolean} whether it is open now
 */
function toggleDrawer(drawer) {
  const opening = Boolean(drawer.hidden);
  for (const form of [ui.transferForm, ui.closeForm, ui.ticketForm]) {
    show(form, form === drawer && opening);
  }
  return opening;
}

/** @param {'transfer-operator' | 'transfer-username'} id */
function askForUsername(id) {
  ui.transferLabel.htmlFor = id;
}

/** Supervisors choose from the operators; an operator, who may not list them, types a username. */
function openTransfer() {
  if (!toggleDrawer(ui.transferForm)) {
    return;
  }
  const useList = isSupervisor();
  show(ui.transferOperator, false);
  show(ui.transferUsername, !useList);
  if (!useList) {
    askForUsername('transfer-username');
    ui.transferUsername.value = '';
    ui.transferUsername.focus();
    return;
  }
  api('GET', '/api/operators').then((data) => {
    const me = state.operator && state.operator.username;
    const others = ((data && data.items) || []).filter((/** @type {import('../state.js').Operator} */ o) => o.username !== me);
    ui.transferOperator.replaceChildren();
    if (!others.length) {
      ui.transferOperator.appendChild(el('option', { text: TEXT.chatActions.noOtherOperator, attrs: { value: '' } }));
    }
    for (const o of others) {
      ui.transferOperator.appendChild(el('option', {
        text: (o.displayName || o.username) + ' (' + o.username + ') · ' + label(TEXT.availability, o.availability) +
          ' · ' + (o.activeChats || 0) + '/' + (o.capacity || 0),
        attrs: { value: o.username }
      }));
    }
    askForUsername('transfer-operator');
    show(ui.transferOperator, true);
    ui.transferOperator.focus();
  }, (error) => {
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
    // Not allowed to list operators after all: ask for the username.
    askForUsername('transfer-username');
    show(ui.transferUsername, true);
    ui.transferUsername.focus();
  });
}

function transfer() {
  const to = (ui.transferOperator.hidden ? ui.transferUsername.value : ui.transferOperator.value).trim();
  if (!to) {
    showProblem(TEXT.chatActions.chooseOperator);
    return;
  }
  // No longer this operator's: the chat is closed here rather than left open with its actions.
  chatAction('transfer', { to }, () => {
    show(ui.transferForm, false);
    closeChat();
    toast(fill(TEXT.desk.transferred, { to }), 'info');
  });
}

function closeWithOutcome() {
  const outcome = ui.closeOutcome.value;
  chatAction('close', { outcome }, () => {
    show(ui.closeForm, false);
    toast(fill(TEXT.chatActions.closed, { outcome: label(TEXT.outcome, outcome) }), 'info');
  });
}

/** The subject is prefilled with the visitor's first words; who they are and where to answer, the operator asks. */
function openTicketForm() {
  if (!toggleDrawer(ui.ticketForm)) {
    return;
  }
  const first = ui.messages.querySelector('.msg.visitor .text');
  ui.ticketName.value = '';
  ui.ticketContact.value = '';
  ui.ticketChannel.value = '';
  ui.ticketPriority.value = 'medium';
  ui.ticketSubject.value = first
    ? (first.textContent || '').replace(/\s+/g, ' ').trim().slice(0, ui.ticketSubject.maxLength)
    : TEXT.ticketForm.defaultSubject;
  ui.ticketName.focus();
}

function createTicket() {
  const sessionId = state.openId;
  /** @type {Record<string, string | null>} */
  const body = {
    name: ui.ticketName.value.trim(),
    contact: ui.ticketContact.value.trim(),
    subject: ui.ticketSubject.value.trim(),
    priority: ui.ticketPriority.value,
    sessionId
  };
  if (ui.ticketChannel.value) {
    body.channel = ui.ticketChannel.value;
  }
  if (!sessionId || !body.name || !body.contact || !body.subject) {
    showProblem(TEXT.ticketForm.missing);
    return;
  }
  const submit = /** @type {HTMLButtonElement} */ (ui.ticketForm.querySelector('button[type="submit"]'));
  submit.disabled = true;
  show(ui.error, false);
  api('POST', '/api/operator/tickets', body)
    .then((created) => {
      show(ui.ticketForm, false);
      toast(fill(TEXT.ticketForm.opened, { number: created.number }), 'info');
      loadTicketsSoon();
      return openTicket(created.number);
    })
    .catch((error) => reportError(error, ui.error))
    .then(() => { submit.disabled = false; });
}

export function wireChatActions() {
  ui.take.addEventListener('click', () => { if (state.openId) { takeChat(state.openId, ui.take); } });
  ui.transfer.addEventListener('click', openTransfer);
  ui.release.addEventListener('click', () => chatAction('release', undefined, () => toast(TEXT.chatActions.released, 'info')));
  ui.closeRequest.addEventListener('click', () => chatAction('close-request', undefined, () => toast(TEXT.chatActions.closeAsked, 'info')));
  ui.close.addEventListener('click', () => {
    if (toggleDrawer(ui.closeForm)) { ui.closeOutcome.focus(); }
  });
  ui.ticket.addEventListener('click', openTicketForm);
  onSubmit(ui.transferForm, transfer);
  onSubmit(ui.closeForm, closeWithOutcome);
  onSubmit(ui.ticketForm, createTicket);
  for (const button of document.querySelectorAll('[data-cancel]')) {
    button.addEventListener('click', () => {
      const form = button.closest('form');
      if (form) { show(form, false); }
    });
  }
}
