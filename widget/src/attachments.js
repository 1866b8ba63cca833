// The visitor's attachments: a file picked in the composer is checked (size, type) and sent, shown
// meanwhile in the log with its state; one that did not go can be sent again or removed, so nothing
// is lost silently. Attachments in the conversation are shown as thumbnails or PDF buttons, their
// bytes fetched with the session token.
import { problemName } from '../client/api.js';
import { attachmentNode, fileRefusal, mayRetry, sizeWords } from '../client/attachments.js';
import { el } from '../client/dom.js';
import { newClientMessageId } from '../client/ids.js';
import { bubble } from './bubble.js';
import { fill } from './status.js';
import { getAttachment, postAttachment } from './transport.js';

/** @typedef {import('../client/attachments.js').Attachment} Attachment */
/** @typedef {import('./i18n/it.js').Texts} Texts */
/** @typedef {import('./messages.js').ChatMessage} ChatMessage */
/** @typedef {import('./messages.js').MessageLog} MessageLog */
/** @typedef {import('./session.js').StoredSession} StoredSession */
/** @typedef {import('./view.js').WidgetView} WidgetView */

/**
 * What the widget lends its attachments.
 * @typedef {object} AttachmentsContext
 * @property {WidgetView} view
 * @property {MessageLog} log
 * @property {string} api Lucine's origin
 * @property {string} lang the page's, for sizes
 * @property {() => StoredSession | null} session the current session
 * @property {() => Texts} words the conversation's language
 * @property {(message: ChatMessage) => void} show the server's copy of a sent attachment's message
 */

/**
 * The server's refusal in the visitor's words: the sentence of its problem type (the server's own
 * detail is English, for developers).
 * @param {unknown} body
 * @param {Texts} texts
 */
function refusalWords(body, texts) {
  const name = problemName(body);
  /** @type {Readonly<Record<string, string>>} */
  const problems = texts.problems;
  return Object.prototype.hasOwnProperty.call(problems, name) ? problems[name] : texts.uploadFailed;
}

export class Attachments {
  /** @param {AttachmentsContext} context */
  constructor(context) {
    this.context = context;
  }

  /**
   * An attachment of the conversation, as shown in its message.
   * @param {Attachment} attachment
   * @returns {HTMLElement | null} null without a session to fetch it with
   */
  node(attachment) {
    const session = this.context.session();
    if (!session) {
      return null;
    }
    const texts = this.context.words();
    const values = { name: attachment.name, size: sizeWords(attachment.size, this.context.lang) };
    return attachmentNode(attachment, () => getAttachment(this.context.api, session, attachment.id), {
      size: values.size,
      enlarge: fill(texts.enlarge, values),
      shrink: fill(texts.shrink, values),
      download: fill(texts.download, values),
      unavailable: fill(texts.unavailable, values)
    });
  }

  /**
   * A file the visitor picked: refused at once with a sentence, or sent.
   * @param {File} file
   */
  pick(file) {
    const { view } = this.context;
    const texts = this.context.words();
    const refusal = fileRefusal(file);
    if (refusal) {
      view.showNotice(texts.problems[refusal]);
      return;
    }
    if (!this.context.session()) {
      view.showNotice(texts.attachFirst);
      return;
    }
    view.showNotice('');
    this.send(file, newClientMessageId(), this.pendingNode(file));
  }

  /**
   * The file in the log while it is on its way, or when it could not go.
   * @param {File} file
   */
  pendingNode(file) {
    const node = bubble({ sender: 'visitor pending upload', text: file.name }, this.context.lang);
    const message = /** @type {HTMLElement} */ (node.querySelector('.message'));
    message.appendChild(el('p', { className: 'upload-state' }));
    message.appendChild(el('div', { className: 'upload-actions' }));
    return node;
  }

  /**
   * Sends the file with `clientMessageId` (the same on a retry, so the server keeps it once).
   * @param {File} file
   * @param {string} clientMessageId
   * @param {HTMLElement} node
   */
  async send(file, clientMessageId, node) {
    const { log, view } = this.context;
    const session = this.context.session();
    const texts = this.context.words();
    const state = /** @type {HTMLElement} */ (node.querySelector('.upload-state'));
    const actions = /** @type {HTMLElement} */ (node.querySelector('.upload-actions'));
    node.querySelector('.message')?.classList.remove('failed');
    state.textContent = texts.uploading;
    actions.replaceChildren();
    log.addPending(clientMessageId, node);
    if (!session) {
      this.failed(file, clientMessageId, node, texts.attachFirst, false);
      return;
    }
    const answer = await postAttachment(this.context.api, session, file, clientMessageId);
    if (answer.ok && answer.body && answer.body.message) {
      log.removePending(clientMessageId);
      this.context.show(answer.body.message);
      return;
    }
    const retry = mayRetry(answer.status);
    const reason = answer.status === 0 ? texts.offline : refusalWords(answer.body, texts);
    this.failed(file, clientMessageId, node, reason, retry);
    view.scrollToEnd();
  }

  /**
   * @param {File} file
   * @param {string} clientMessageId
   * @param {HTMLElement} node
   * @param {string} reason the server's sentence, or the widget's
   * @param {boolean} retry whether sending it again may work
   */
  failed(file, clientMessageId, node, reason, retry) {
    const texts = this.context.words();
    node.querySelector('.message')?.classList.add('failed');
    /** @type {HTMLElement} */ (node.querySelector('.upload-state')).textContent = reason;
    const again = retry && el('button', { className: 'upload-retry', text: texts.retry, attrs: { type: 'button', 'aria-label': fill(texts.retryLabel, { name: file.name }) } });
    const remove = el('button', { className: 'upload-remove', text: texts.remove, attrs: { type: 'button', 'aria-label': fill(texts.removeLabel, { name: file.name }) } });
    if (again) {
      again.addEventListener('click', () => this.send(file, clientMessageId, node));
    }
    remove.addEventListener('click', () => {
      this.context.log.removePending(clientMessageId);
      this.context.view.composer.attachButton.focus();
    });
    /** @type {HTMLElement} */ (node.querySelector('.upload-actions')).replaceChildren(...(again ? [again, remove] : [remove]));
  }
}
