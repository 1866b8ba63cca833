// Attachments in the console: photos and PDFs shown in a chat's timeline, a transcript and a
// ticket's history (fetched with the operator's token, shown through object URLs), and the
// attach button of the chat's and the ticket's composers, with the file's state until it is sent.
import { attachmentNode, fetchAttachment, fileRefusal, isAttachment, mayRetry, ACCEPTED_TYPES, sizeWords } from '../../widget/client/attachments.js';
import { ApiError, api } from '../api.js';
import { el, show } from '../dom.js';
import { TEXT, fill, locale } from '../i18n/text.js';
import { state } from '../state.js';

/** @typedef {import('../../widget/client/attachments.js').Attachment} Attachment */

/**
 * The attachment of a message or an entry, shown; null when it has none.
 * @param {unknown} attachment
 * @param {string | null} base the conversation's or ticket's API path (its attachments are under it)
 * @returns {HTMLElement | null}
 */
export function attachmentView(attachment, base) {
  if (!isAttachment(attachment) || !base) {
    return null;
  }
  const words = TEXT.attachments;
  const values = { name: attachment.name, size: sizeWords(attachment.size, locale()) };
  const url = base + '/attachments/' + encodeURIComponent(attachment.id);
  return attachmentNode(attachment, () => fetchAttachment(url, { Authorization: 'Bearer ' + (state.token || '') }), {
    size: values.size,
    enlarge: fill(words.enlarge, values),
    shrink: fill(words.shrink, values),
    download: fill(words.download, values),
    unavailable: fill(words.unavailable, values)
  });
}

/**
 * What a list shows of a message: its words, or the file it carries.
 * @param {{ text?: string, attachment?: unknown }} message
 */
export function previewText(message) {
  return message.text || (isAttachment(message.attachment) ? fill(TEXT.attachments.preview, { name: message.attachment.name }) : '');
}

/**
 * @typedef {object} AttachTarget
 * @property {() => string | null} current what is open (a session id, a ticket number); null when nothing is
 * @property {(key: string) => string} path its API path (the attachments are under it)
 * @property {(answer: any, key: string) => void} sent the server's answer ({ message } or { entry }) for what the file went to
 */

/**
 * The attach button of a composer, and the line that tells a file's state: on its way, refused
 * (the sentence), or not sent, with buttons to send it again or drop it.
 */
export class AttachControl {
  /**
   * @param {HTMLElement} foot the composer's foot, where the button goes before the send button
   * @param {AttachTarget} target
   */
  constructor(foot, target) {
    const words = TEXT.attachments;
    this.target = target;
    this.button = el('button', { className: 'ghost attach', text: words.attach, attrs: { type: 'button', 'aria-label': words.attachLabel } });
    this.input = el('input', { attrs: { type: 'file', accept: ACCEPTED_TYPES.join(','), tabindex: '-1', 'aria-hidden': 'true' } });
    this.input.hidden = true;
    this.line = el('p', { className: 'attach-state', attrs: { role: 'status' } });
    this.line.hidden = true;
    this.busy = false;
    foot.insertBefore(this.button, foot.lastElementChild);
    foot.appendChild(this.input);
    foot.after(this.line);
    this.button.addEventListener('click', () => this.input.click());
    this.input.addEventListener('change', () => {
      const file = this.input.files && this.input.files[0];
      const key = this.target.current();
      this.input.value = '';
      if (file && key) {
        this.pick(file, key);
      }
    });
  }

  /** @param {boolean} enabled whether this operator may attach here now */
  setEnabled(enabled) {
    show(this.button, enabled);
    this.button.disabled = this.busy;
    if (!enabled && !this.busy) {
      this.clear();
    }
  }

  /** Another chat or ticket is open, or the file was dropped: its state goes. */
  clear() {
    this.line.replaceChildren();
    show(this.line, false);
  }

  /**
   * @param {string} text
   * @param {ReadonlyArray<HTMLElement>} [buttons]
   */
  tell(text, buttons = []) {
    this.line.replaceChildren(el('span', { text }), ...buttons);
    show(this.line, true);
  }

  /**
   * @param {File} file
   * @param {string} key
   */
  pick(file, key) {
    const refusal = fileRefusal(file);
    if (refusal) {
      this.tell(fill(TEXT.attachments.failed, { name: file.name, problem: TEXT.problems[refusal] }));
      return;
    }
    this.send(file, key);
  }

  /**
   * @param {File} file
   * @param {string} key what it goes to, kept for a retry even if another is open by then
   */
  async send(file, key) {
    if (this.busy) {
      return;
    }
    const words = TEXT.attachments;
    this.busy = true;
    this.button.disabled = true;
    this.tell(fill(words.uploading, { name: file.name }));
    try {
      const answer = await api('POST', this.target.path(key) + '/attachments?name=' + encodeURIComponent(file.name), file,
        { raw: true, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
      this.clear();
      this.target.sent(answer, key);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      const retry = el('button', { className: 'ghost', text: words.retry, attrs: { type: 'button', 'aria-label': fill(words.retryLabel, { name: file.name }) } });
      const drop = el('button', { className: 'ghost', text: words.remove, attrs: { type: 'button', 'aria-label': fill(words.removeLabel, { name: file.name }) } });
      retry.addEventListener('click', () => this.send(file, key));
      drop.addEventListener('click', () => {
        this.clear();
        this.button.focus();
      });
      const retryable = mayRetry(error.status);
      this.tell(fill(words.failed, { name: file.name, problem: error.message }), retryable ? [retry, drop] : [drop]);
    } finally {
      this.busy = false;
      this.button.disabled = false;
    }
  }
}
