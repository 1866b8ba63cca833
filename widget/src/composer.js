// The composer: the visitor's text and the send button. Enter sends, Shift+Enter starts a line.
import { el } from '../client/dom.js';

/** @typedef {import('./i18n/it.js').Texts} Texts */

export class Composer {
  /** @param {Texts} texts the page's language */
  constructor(texts) {
    this.input = el('textarea', { className: 'input', attrs: { rows: 1, placeholder: texts.placeholder, 'aria-label': texts.placeholder } });
    this.sendButton = el('button', { className: 'send', text: texts.send, attrs: { type: 'submit' } });
    this.form = el('form', { className: 'composer' }, [this.input, this.sendButton]);
  }

  /**
   * @param {(text: string) => boolean} send takes the text, or refuses it (false) while another is on its way
   * @param {() => void} typed a keystroke
   */
  wire(send, typed) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text && send(text)) {
        this.input.value = '';
      }
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.input.addEventListener('input', typed);
  }
}
