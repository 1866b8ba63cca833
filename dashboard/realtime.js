// The console's realtime: the hub's events, applied where they show. While the hub is not
// connected the console reads everything again every 5 seconds instead, so it never depends on
// the hub to work.
import { Realtime, loadSignalR } from '../widget/client/realtime.js';
import { HubEvent, SENDERS } from '../widget/client/wire.js';
import { api, reportError } from './api.js';
import { label, shortId, toast } from './dom.js';
import { loadMe, showRealtime } from './header.js';
import { TEXT, fill } from './i18n/text.js';
import { inView, notify } from './notices.js';
import { refreshAll } from './refresh.js';
import { state } from './state.js';
import { setView } from './tabs.js';
import { justTaken } from './views/chat-actions.js';
import { applyPage, applyStatus, loadOpenChat, openChat, renderAlert, timeline } from './views/chat.js';
import { showVisitorTyping } from './views/chat-typing.js';
import { chatItem, loadChats, loadQueue, loadQueueSoon, renderChats } from './views/queue.js';
import { loadSinkSoon } from './views/sink.js';
import { openTicket, ticketAlert, ticketChanged } from './views/ticket.js';

const POLL_MS = 5000;

/** @type {ReturnType<typeof setTimeout> | undefined} */
let resyncTimer;

/**
 * An event whose payload is not what the contract says (e.g. enums as numbers) is only taken as
 * "this chat changed": the console reloads it through the REST API instead of guessing.
 * @param {string} sessionId
 */
function resyncSoon(sessionId) {
  clearTimeout(resyncTimer);
  resyncTimer = setTimeout(() => {
    if (sessionId && sessionId === state.openId) { loadOpenChat().catch(reportError); }
    loadChats().catch(reportError);
    loadMe().catch(reportError);
  }, 150);
}

/** @param {any} event */
function onMessage(event) {
  if (!event) {
    return;
  }
  const id = event.sessionId;
  if (!event.message || !SENDERS.includes(event.message.sender)) {
    resyncSoon(id);
    return;
  }
  if (id === state.openId) {
    timeline.addMessage(event.message);
    if (event.message.sender === 'visitor') { showVisitorTyping(false); }
  }
  const item = chatItem(id);
  if (item) {
    item.lastMessage = event.message;
    if ((id !== state.openId || !inView()) && event.message.sender === 'visitor') {
      state.unread.set(id, (state.unread.get(id) || 0) + 1);
    }
    renderChats();
  } else if (event.message.sender === 'visitor') {
    loadChats().catch(reportError);
  }
}

/** @param {any} event */
function onStatus(event) {
  if (!event) {
    return;
  }
  const id = event.sessionId;
  if (typeof event.status !== 'string' || !Object.hasOwn(TEXT.status, event.status)) {
    resyncSoon(id);
    return;
  }
  if (id === state.openId) {
    applyStatus(event);
  }
  if (event.status === 'ended' || (event.operator && state.operator && event.operator.username !== state.operator.username)) {
    state.alerts.delete(id);
  }
  loadChats().catch(reportError);
  loadMe().catch(reportError);
}

/**
 * A chat's notice: the visitor's last words, and a click opens the chat.
 * @param {'notifyAssigned' | 'notifyQueue' | 'notifyFirstResponse'} kind
 * @param {string} sessionId
 * @param {string} title
 * @param {() => Promise<string> | string} words
 */
function notifyOfChat(kind, sessionId, title, words) {
  notify(kind, {
    title,
    body: async () => TEXT.notices.visitor + ' ' + shortId(sessionId) + ': ' + ((await words()) || TEXT.notices.noWords),
    tag: 'chat-' + sessionId,
    open: () => {
      setView('chats');
      openChat(sessionId);
    }
  }).catch(reportError);
}

/**
 * What the visitor came for: their first words in the chat (the last ones are often only the
 * button that asked for a person), read from its detail.
 * @param {string} sessionId
 * @returns {Promise<string>}
 */
async function visitorsQuestion(sessionId) {
  const detail = await api('GET', '/api/operator/chats/' + encodeURIComponent(sessionId));
  const first = ((detail && detail.messages) || []).find((/** @type {any} */ m) => m.sender === 'visitor');
  return first ? String(first.text || '') : '';
}

/** @param {any} event */
function onAssigned(event) {
  if (!event) {
    return;
  }
  const id = event.sessionId;
  if (id !== state.openId) { state.fresh.add(id); }
  // A chat the operator took themselves is told of once, by the take.
  if (!justTaken.delete(id)) {
    toast(TEXT.notices.assigned + '.', 'alert');
    notifyOfChat('notifyAssigned', id, TEXT.notices.assigned, () => visitorsQuestion(id));
  }
  Promise.all([loadChats(), loadQueue(), loadMe()]).catch(reportError);
  if (id === state.openId) { loadOpenChat().catch(reportError); }
}

/** @param {any} event */
function onAlert(event) {
  if (!event) {
    return;
  }
  const id = event.sessionId;
  state.alerts.add(id);
  toast(fill(TEXT.chat.alert, { alert: label(TEXT.alerts, event.alert) || TEXT.toast.alert, id: shortId(id) }), 'alert');
  renderAlert();
  notifyOfChat('notifyFirstResponse', id, TEXT.notices.firstResponse, () => visitorsQuestion(id));
}

/**
 * Chats new in the queue while this operator is online.
 * @param {import('./views/queue.js').QueueItem[]} arrivals
 */
export function queueArrived(arrivals) {
  if (!state.operator || state.operator.availability !== 'online') {
    return;
  }
  for (const item of arrivals) {
    notifyOfChat('notifyQueue', item.sessionId, TEXT.notices.queued, () => item.preview || '');
  }
}

/**
 * @param {string} number
 * @param {string} alert
 */
function onTicketAlert(number, alert) {
  ticketAlert(number, alert);
  notify('notifyTicketAlerts', {
    title: TEXT.notices.ticketAlert,
    body: () => fill(TEXT.ticket.notice, { number, alert: label(TEXT.ticketAlerts, alert) }),
    tag: 'ticket-' + number,
    open: () => {
      setView('tickets');
      openTicket(number);
    }
  }).catch(reportError);
}

export const hub = new Realtime({
  origin: '',
  accessToken: () => state.token || '',
  on: {
    [HubEvent.message]: onMessage,
    [HubEvent.status]: onStatus,
    [HubEvent.queueChanged]: loadQueueSoon,
    [HubEvent.assigned]: onAssigned,
    [HubEvent.alert]: onAlert,
    [HubEvent.typing]: (event) => {
      if (event && event.sender === 'visitor' && event.sessionId === state.openId) {
        showVisitorTyping(!!event.isTyping);
      }
    },
    [HubEvent.ticketChanged]: (event) => {
      if (!event) {
        return;
      }
      ticketChanged(event.ticket);
      if (state.view === 'sink') { loadSinkSoon(); }
    },
    [HubEvent.ticketAlert]: (event) => {
      if (event && typeof event.ticket === 'string') { onTicketAlert(event.ticket, event.alert); }
    },
    [HubEvent.page]: (event) => {
      if (event) { applyPage(event); }
    },
    // The visitors' event: listened to only so that the client does not warn of an unknown one.
    [HubEvent.queue]: () => {}
  },
  catchUp: refreshAll,
  pollMs: POLL_MS,
  firstRetryMs: 2000,
  maxRetryMs: 30000,
  logLevel: 'Warning',
  // Served with the widget (relative to this page: /widget/vendor/), loaded at the first connection.
  loadSignalR: () => loadSignalR('../widget/vendor/signalr.min.js'),
  onChange: () => showRealtime(hub.state),
  // A refused negotiate may mean an expired token: any authenticated call finds out.
  onRefused: () => { loadMe().catch(() => {}); }
});
