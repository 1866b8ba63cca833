// Where the conversation stands, in words for the status line.
import { WITH_OPERATOR } from '../client/wire.js';

/** @typedef {import('./i18n/it.js').Texts} Texts */

/**
 * What the server last said about the conversation. Language is the conversation's (the assistant
 * detects it), so the status line speaks it even on a page in the other language.
 * @typedef {object} Conversation
 * @property {string | null} status
 * @property {string | null} language
 * @property {{ position?: number, estimatedWaitMinutes?: number } | null} queue
 * @property {{ displayName?: string, avatar?: string } | null} operator
 * @property {string | null} expecting what the assistant asks for while collecting a contact (`name`, `contact`, `channel`, `request`)
 */

/** Where people, not the assistant, write: these statuses need realtime (or polling). */
const LIVE = ['queued', ...WITH_OPERATOR];

/**
 * A conversation in one of these comes back open after a reload: people are involved, or the
 * assistant is half-way through taking the visitor's contact details for a ticket.
 */
const REOPEN_AT_LOAD = [...LIVE, 'collecting_contact'];

/** @returns {Conversation} */
export function newConversation() {
  return { status: null, language: null, queue: null, operator: null, expecting: null };
}

/** @param {string | null | undefined} status */
export function isLive(status) {
  return !!status && LIVE.includes(status);
}

/** @param {string | null | undefined} status */
export function reopensAtLoad(status) {
  return !!status && REOPEN_AT_LOAD.includes(status);
}

/**
 * @param {string} template
 * @param {Record<string, unknown>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/**
 * The status line; empty while only the assistant is involved.
 * @param {Conversation} conversation
 * @param {Texts} text
 * @returns {string}
 */
export function describeStatus(conversation, text) {
  const { status, queue } = conversation;
  const name = conversation.operator && conversation.operator.displayName;
  switch (status) {
    case 'queued':
      return queue && queue.position ? fill(text.queued, { position: queue.position, minutes: queue.estimatedWaitMinutes }) : text.queuedUnknown;
    case 'with_operator':
      return name ? fill(text.withOperator, { name }) : text.withOperatorUnknown;
    case 'waiting_client':
      return name ? fill(text.waitingClient, { name }) : text.waitingClientUnknown;
    case 'closing':
      return text.closing;
    case 'collecting_contact':
      return text.collectingContact;
    case 'ended':
      return text.ended;
    default:
      return '';
  }
}
