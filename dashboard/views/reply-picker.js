// Canned replies in a composer: "/" at the start of the text or after a space opens a list of the
// replies whose shortcut or title matches what follows; the chosen one replaces "/query" with its
// text in the conversation's language, placeholders filled, for the operator to read and send.
import { api } from '../api.js';
import { el } from '../dom.js';
import { TEXT } from '../i18n/text.js';
import { state } from '../state.js';

/**
 * A canned reply as the API describes one.
 * @typedef {object} Reply
 * @property {string} id
 * @property {string} title
 * @property {string} shortcut without the slash
 * @property {{ it: string, en: string }} text
 * @property {string} [updatedBy]
 * @property {string} [updatedAt]
 * @property {number} version
 */

/**
 * What a composer knows when a reply is inserted: the conversation's language and the values of the
 * placeholders besides the operator's own name (null or empty: not known).
 * @typedef {{ language?: string | null, values: Record<string, string | null | undefined> }} ReplyContext
 */

const MAX_SHOWN = 8;
const FRESH_MS = 60000; // replies change rarely: read again at most this often
const REMOVED = '\u0000'; // where a placeholder without a value was, until the text around it is tidied

/** @type {{ replies: Promise<Reply[]> | null, at: number }} */
const cache = { replies: null, at: 0 };

/** The replies, read again when older than a minute (or forgotten after a change). */
export function listReplies() {
  if (!cache.replies || Date.now() - cache.at > FRESH_MS) {
    cache.at = Date.now();
    cache.replies = api('GET', '/api/operator/replies').then((body) => /** @type {Reply[]} */ ((body && body.items) || []));
    cache.replies.catch(() => { cache.replies = null; });
  }
  return cache.replies;
}

/** A supervisor changed the replies: the next "/" reads them again. */
export function forgetReplies() {
  cache.replies = null;
}

/**
 * A reply's text with its placeholders ({name}, the server's one syntax) filled. One without a value
 * is taken out with the space before it, and the text around it is tidied: "Ciao {visitor_name},
 * come posso aiutarti?" becomes "Ciao, come posso aiutarti?", never "Ciao , …".
 * @param {string} template
 * @param {Record<string, string | null | undefined>} values
 */
export function fillReply(template, values) {
  return template
    .replace(/[ \t]*\{([A-Za-z0-9_.]+)\}/g, (whole, /** @type {string} */ name) => {
      const value = Object.hasOwn(values, name) ? values[name] : null;
      return value ? whole.slice(0, whole.indexOf('{')) + value : REMOVED;
    })
    .replace(/[,;:]?\u0000(?=[.!?])/g, '')                       // "Grazie, {visitor_name}!" → "Grazie!"
    .replace(/(^|\n)\u0000[ \t]*[,;:]?[ \t]*(\S?)/g, (_, start, first) => start + first.toUpperCase()) // "{visitor_name}, ecco" → "Ecco"
    .replace(/\u0000/g, '');
}

/** @param {string} text */
function folded(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The replies matching `query`, shortcuts starting with it first.
 * @param {Reply[]} replies
 * @param {string} query
 */
function matching(replies, query) {
  const q = folded(query);
  const starts = replies.filter((r) => r.shortcut.startsWith(q));
  const others = replies.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || folded(r.title).includes(q)));
  return starts.concat(others).slice(0, MAX_SHOWN);
}

/** The list of replies under a composer's text area, as a listbox the text area drives. */
export class ReplyPicker {
  /**
   * Registers its keys before the composer's own, so that Enter chooses a reply instead of sending.
   * @param {HTMLTextAreaElement} textarea
   * @param {() => ReplyContext} context
   */
  constructor(textarea, context) {
    this.textarea = textarea;
    this.context = context;
    this.list = el('ul', { className: 'reply-picker', attrs: { role: 'listbox', id: textarea.id + '-replies', 'aria-label': TEXT.replies.pickerLabel } });
    this.list.hidden = true;
    this.hint = el('span', { className: 'visually-hidden', text: TEXT.replies.pickerHint, attrs: { id: textarea.id + '-replies-hint' } });
    textarea.before(this.list, this.hint);
    textarea.setAttribute('aria-controls', this.list.id);
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-describedby', this.hint.id);
    /** @type {Reply[]} */
    this.shown = [];
    this.active = 0;
    /** Where the "/" is. */
    this.start = -1;
    /** A "/" the operator closed the list of with Escape: it stays closed until another "/". */
    this.dismissed = -1;
    textarea.addEventListener('keydown', (event) => this.onKey(event));
    textarea.addEventListener('input', () => this.update());
    textarea.addEventListener('click', () => this.update());
    textarea.addEventListener('blur', () => this.close());
  }

  get isOpen() {
    return !this.list.hidden;
  }

  /** Opens, filters or closes the list after what the operator typed or where they moved. */
  update() {
    const { value, selectionStart, selectionEnd } = this.textarea;
    const typed = selectionStart === selectionEnd ? /(^|\s)\/([^\s/]*)$/.exec(value.slice(0, selectionStart)) : null;
    if (!typed) {
      this.dismissed = -1;
      this.close();
      return;
    }
    const start = selectionStart - typed[2].length - 1;
    if (start === this.dismissed) {
      return;
    }
    this.start = start;
    const query = typed[2];
    listReplies().then((replies) => {
      // Only if the text still ends in the same "/query" (the answer may come after more typing).
      if (this.start === start && this.textarea.value.slice(start, this.textarea.selectionStart) === '/' + query) {
        this.render(matching(replies, query));
      }
    }, () => this.close());
  }

  /** @param {Reply[]} replies */
  render(replies) {
    this.shown = replies;
    this.active = 0;
    if (replies.length === 0) {
      this.close();
      return;
    }
    this.list.replaceChildren(...replies.map((reply, index) => {
      const option = el('li', { className: 'reply-option', attrs: { role: 'option', id: this.list.id + '-' + index, 'data-shortcut': reply.shortcut } }, [
        el('strong', { className: 'reply-shortcut', text: '/' + reply.shortcut }),
        el('span', { className: 'reply-title', text: reply.title })
      ]);
      // The text area keeps the focus (and the caret) while an option is clicked.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => this.choose(index));
      return option;
    }));
    this.list.hidden = false;
    this.highlight(0);
  }

  /** @param {number} index */
  highlight(index) {
    this.active = (index + this.shown.length) % this.shown.length;
    [...this.list.children].forEach((option, i) => option.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
    const option = this.list.children[this.active];
    this.textarea.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  close() {
    this.list.hidden = true;
    this.list.replaceChildren();
    this.shown = [];
    this.textarea.removeAttribute('aria-activedescendant');
  }

  /**
   * Replaces "/query" with the reply's text in the conversation's language (Italian unless it is English).
   * @param {number} index
   */
  choose(index) {
    const reply = this.shown[index];
    if (!reply) {
      return;
    }
    const context = this.context();
    const me = state.operator;
    const values = { operator_name: me ? me.displayName || me.username : null, ...context.values };
    const text = fillReply(context.language === 'en' ? reply.text.en : reply.text.it, values);
    this.textarea.setRangeText(text, this.start, this.textarea.selectionStart, 'end');
    this.close();
    this.textarea.focus();
    this.textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    if (!this.isOpen || event.isComposing) {
      return;
    }
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.highlight(this.active + moves[event.key]);
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.choose(this.active);
    } else if (event.key === 'Escape') {
      this.dismissed = this.start;
      this.close();
    } else {
      return;
    }
    // The composer's own keys (Enter sends) must not see it.
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}
