// Chat messages and internal notes as the console shows them: in the open chat (in time order,
// each once) and in a ticket's transcript.
import { knownSender } from '../../widget/client/wire.js';
import { el, label, time, timeNode } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { state } from '../state.js';
import { attachmentView } from './attachments.js';

/**
 * @typedef {object} ChatMessage
 * @property {string} id
 * @property {number} [sequence]
 * @property {string} sender
 * @property {string} [text]
 * @property {string} [author]
 * @property {string} [createdAt]
 * @property {{ kind: string, action?: string, label?: string, url?: string }[]} [smartActions]
 * @property {unknown} [attachment] a photo or a PDF (absent or null when there is none)
 */

/**
 * @typedef {object} Note
 * @property {string} id
 * @property {string} [text]
 * @property {string} [author]
 * @property {string} [createdAt]
 */

/**
 * A conversation's operator API path (its attachments are under it); null for none.
 * @param {string | null | undefined} sessionId
 */
export function chatPath(sessionId) {
  return sessionId ? '/api/operator/chats/' + encodeURIComponent(sessionId) : null;
}

/** @param {ChatMessage} message */
export function senderName(message) {
  if (message.sender === 'operator') {
    return message.author || TEXT.sender.operator;
  }
  return label(TEXT.sender, message.sender);
}

/**
 * A chat message, with its attachment and the buttons the visitor was offered under it.
 * @param {ChatMessage} message
 * @param {string | null} base the conversation's operator API path, for its attachments
 */
export function messageNode(message, base) {
  const sender = knownSender(message.sender);
  const mine = sender === 'operator' && state.operator && message.author === state.operator.displayName;
  const actions = message.smartActions || [];
  return el('li', { className: 'msg ' + sender + (mine ? ' own' : ''), attrs: { 'data-id': message.id, 'data-sender': sender } }, [
    el('div', { className: 'meta' }, [
      el('span', { className: 'author', text: senderName(message) }),
      timeNode(message.createdAt, time)
    ]),
    // A file sent without a caption has no words.
    (!!message.text || !message.attachment) && el('div', { className: 'text', text: message.text || '' }),
    attachmentView(message.attachment, base),
    actions.length > 0 && el('ul', { className: 'offered', attrs: { 'aria-label': TEXT.chat.offered } }, actions.map((action) =>
      el('li', { className: 'chip ' + (action.kind === 'link' ? 'link' : 'command'), text: action.label || action.action, attrs: { title: action.url } })))
  ]);
}

/**
 * @param {Readonly<Record<string, string>>} table
 * @param {string} value
 */
function lower(table, value) {
  return label(table, value).toLowerCase();
}

/**
 * One change of a ticket's edit ("oggetto", "priorità medium → high") in words.
 * @param {string} change
 */
function changeWords(change) {
  const priority = /^priorità (\w+) → (\w+)$/.exec(change);
  if (priority) {
    return fill(TEXT.events.priority, { from: lower(TEXT.ticketPriority, priority[1]), to: lower(TEXT.ticketPriority, priority[2]) });
  }
  return change === 'oggetto' ? TEXT.events.subject : change === 'descrizione' ? TEXT.events.description : change;
}

/**
 * The ticket's events as the server writes them (in Italian, with its names: "Stato: open →
 * in_progress."), each read into its parts and told in the console's language with what operators
 * call them ("Stato: Aperto → In lavorazione.", "Status: Open → In progress.").
 * @type {[RegExp, (parts: string[]) => string][]}
 */
const EVENTS = [
  [/^Stato: (\w+) → (\w+)\.$/, ([from, to]) => fill(TEXT.events.status, { from: label(TEXT.ticketStatus, from), to: label(TEXT.ticketStatus, to) })],
  [/^Ticket aperto \((\w+)\), priorità (\w+)\.$/, ([source, priority]) =>
    fill(TEXT.events.opened, { source: lower(TEXT.source, source), priority: lower(TEXT.ticketPriority, priority) })],
  [/^Modificato: (.+)\.$/, ([changes]) => fill(TEXT.events.changed, { changes: changes.split(', ').map(changeWords).join(', ') })],
  [/^Non più assegnato\.$/, () => TEXT.events.unassigned],
  [/^Assegnato a (.+)\.$/, ([who]) => fill(TEXT.events.assigned, { who })],
  [/^Il contatto (.+?) non riceve i messaggi: (.*)\.$/s, ([address, reason]) => fill(TEXT.events.undeliverable, { address, reason })],
  [/^SLA (\w+): in scadenza \((.+)\)\.$/, ([sla, when]) => fill(TEXT.events.slaWarning, { sla: label(TEXT.ticketEvent.sla, sla), when })],
  [/^SLA (\w+) superato; priorità (\w+) → (\w+)\.$/, ([sla, from, to]) =>
    fill(TEXT.events.slaBreached, { sla: label(TEXT.ticketEvent.sla, sla), from: lower(TEXT.ticketPriority, from), to: lower(TEXT.ticketPriority, to) })]
];

/**
 * A ticket event in words; one the console does not know is shown as the server wrote it.
 * @param {string} text
 */
export function eventWords(text) {
  for (const [pattern, words] of EVENTS) {
    const found = pattern.exec(text);
    if (found) {
      return words(found.slice(1));
    }
  }
  return text;
}

/** @param {Note} note */
function noteNode(note) {
  return el('li', { className: 'msg note', attrs: { 'data-id': note.id, 'data-sender': 'note' } }, [
    el('div', { className: 'meta' }, [
      el('span', { className: 'note-label', text: TEXT.internalNote }),
      el('span', { className: 'author', text: note.author || '' }),
      el('span', { className: 'note-hint', text: TEXT.notForVisitor }),
      timeNode(note.createdAt, time)
    ]),
    el('div', { className: 'text', text: note.text || '' })
  ]);
}

/**
 * Where an entry goes: by time, then by the message's number (a note has none: it goes after the
 * messages of its instant).
 * @param {string | undefined} createdAt
 * @param {number | null | undefined} sequence
 */
function sortKey(createdAt, sequence) {
  const t = new Date(/** @type {string} */ (createdAt)).getTime();
  return { t: isNaN(t) ? Number.MAX_SAFE_INTEGER : t, s: sequence == null ? Number.MAX_SAFE_INTEGER : Number(sequence) };
}

/** The open chat's messages and notes; whatever path an entry arrives by, it is shown once. */
export class Timeline {
  /**
   * @param {HTMLElement} list
   * @param {() => string | null} base the shown conversation's operator API path, for its attachments
   */
  constructor(list, base) {
    this.list = list;
    this.base = base;
    /** @type {Set<string>} */
    this.keys = new Set();
  }

  clear() {
    this.keys.clear();
    this.list.replaceChildren();
  }

  /** @param {ChatMessage | null | undefined} message */
  addMessage(message) {
    if (message && message.id != null) {
      this.insert('m:' + message.id, messageNode(message, this.base()), sortKey(message.createdAt, message.sequence));
    }
  }

  /** @param {Note | null | undefined} note */
  addNote(note) {
    if (note && note.id != null) {
      this.insert('n:' + note.id, noteNode(note), sortKey(note.createdAt, null));
    }
  }

  /**
   * @private
   * @param {string} key
   * @param {HTMLElement} node
   * @param {{ t: number, s: number }} order
   */
  insert(key, node, order) {
    if (this.keys.has(key)) {
      return;
    }
    const list = this.list;
    node.dataset.t = String(order.t);
    node.dataset.s = String(order.s);
    // Follow the conversation only if the operator was reading its end, not scrolled back in it.
    const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    /** @type {Element | null} */
    let next = null;
    for (let child = list.lastElementChild; child instanceof HTMLElement; child = child.previousElementSibling) {
      const t = Number(child.dataset.t);
      const s = Number(child.dataset.s);
      if (!(order.t < t || (order.t === t && order.s < s))) {
        break;
      }
      next = child;
    }
    list.insertBefore(node, next);
    this.keys.add(key);
    if (stick || !next) {
      list.scrollTop = list.scrollHeight;
    }
  }
}
