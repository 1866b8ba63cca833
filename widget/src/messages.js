// The conversation on screen. Messages are numbered by the server, so whatever path one arrives
// by (the POST's answer, a push, a poll, the history), it is shown once and in order.
import { isAttachment } from '../client/attachments.js';
import { knownSender } from '../client/wire.js';
import { bubble } from './bubble.js';

/** @typedef {import('./view.js').WidgetView} WidgetView */
/** @typedef {import('./view.js').SmartAction} SmartAction */

/**
 * A message as the chat API and the hub send it.
 * @typedef {object} ChatMessage
 * @property {number} sequence
 * @property {string} sender
 * @property {string} text
 * @property {string} [author]
 * @property {string} [clientMessageId]
 * @property {string} [createdAt]
 * @property {string | null} [ticket] on Lucine's message that confirms a ticket: its number
 * @property {SmartAction[]} [smartActions]
 * @property {unknown} [attachment] a photo or a PDF (see ../client/attachments.js), absent or null when there is none
 */

/**
 * The visitor's message on its way, drawn as a draft until the server's copy replaces it.
 * @typedef {object} Draft
 * @property {string} clientMessageId
 * @property {HTMLElement} node
 */

export class MessageLog {
  /**
   * @param {WidgetView} view
   * @param {string} lang the page's, for the messages' times
   * @param {(attachment: import('../client/attachments.js').Attachment) => HTMLElement | null} attachmentNode
   */
  constructor(view, lang, attachmentNode) {
    this.view = view;
    this.lang = lang;
    this.attachmentNode = attachmentNode;
    /** The visitor's files on their way (or that did not go), by client message id. @type {Map<string, HTMLElement>} */
    this.pending = new Map();
    /** @type {Map<number, HTMLElement>} */
    this.rendered = new Map();
    /** Every message numbered up to this one is on screen: the cursor for catching up. */
    this.shownUpTo = 0;
    /** @type {Draft | null} */
    this.draft = null;
  }

  /**
   * Draws a message unless it is already there.
   * @param {ChatMessage} message
   * @returns {{ sender: string, newest: boolean } | null} null when it was already on screen
   */
  add(message) {
    if (this.rendered.has(message.sequence)) {
      return null;
    }
    const sender = knownSender(message.sender);
    const item = bubble({ sender, text: message.text, author: sender === 'operator' ? message.author : null, createdAt: message.createdAt, ticket: message.ticket }, this.lang);
    item.dataset.sequence = String(message.sequence);
    const attachment = isAttachment(message.attachment) && this.attachmentNode(message.attachment);
    if (attachment) {
      item.querySelector('.message')?.appendChild(attachment);
    }
    // Keep the log in sequence order whatever order messages arrive in.
    /** @type {HTMLElement | null} */
    let next = null;
    let newest = true;
    for (const [sequence, node] of this.rendered) {
      if (sequence > message.sequence) {
        newest = false;
        if (!next || sequence < Number(next.dataset.sequence)) {
          next = node;
        }
      }
    }
    if (this.draft && message.clientMessageId && message.clientMessageId === this.draft.clientMessageId) {
      // The visitor's own message came back (pushed before the POST answered): it replaces the draft.
      this.draft.node.remove();
    }
    if (message.clientMessageId) {
      this.removePending(message.clientMessageId);
    }
    this.view.log.insertBefore(item, next);
    this.rendered.set(message.sequence, item);
    this.view.composer.conversationStarted(true);
    while (this.rendered.has(this.shownUpTo + 1)) {
      this.shownUpTo += 1;
    }
    this.view.scrollToEnd();
    return { sender, newest };
  }

  /**
   * @param {string} clientMessageId
   * @param {string} text
   */
  addDraft(clientMessageId, text) {
    this.draft = { clientMessageId, node: bubble({ sender: 'visitor pending', text }, this.lang) };
    this.view.composer.conversationStarted(true);
    this.view.log.appendChild(this.draft.node);
    this.view.scrollToEnd();
  }

  /**
   * A file on its way, at the end of the log (where it already is, on a retry).
   * @param {string} clientMessageId
   * @param {HTMLElement} node
   */
  addPending(clientMessageId, node) {
    this.pending.set(clientMessageId, node);
    this.view.composer.conversationStarted(true);
    if (!node.isConnected) {
      this.view.log.appendChild(node);
    }
    this.view.scrollToEnd();
  }

  /** @param {string} clientMessageId */
  removePending(clientMessageId) {
    this.pending.get(clientMessageId)?.remove();
    this.pending.delete(clientMessageId);
  }

  removeDraft() {
    this.draft?.node.remove();
    this.draft = null;
  }

  /** Another session starts: its messages are numbered from 1 again, so the old ones must go. */
  clear() {
    this.rendered.forEach((node) => node.remove());
    this.rendered.clear();
    this.pending.forEach((node) => node.remove());
    this.pending.clear();
    this.shownUpTo = 0;
    this.view.composer.conversationStarted(false);
  }
}
