// The composer: the attach button, the visitor's text and the send button (Enter sends,
// Shift+Enter starts a line), the placeholder saying what the assistant is asking for, and under
// it the privacy notice's link until the conversation starts.
import { ACCEPTED_TYPES } from '../client/attachments.js';
import { el, safeUrl } from '../client/dom.js';

/** @typedef {import('./i18n/it.js').Texts} Texts */

/** The placeholder for each question the assistant waits on (the API's `expecting`). */
const ASKING = /** @type {const} */ ({ name: 'askName', contact: 'askContact', channel: 'askChannel', request: 'askRequest' });

const SVG = 'http://www.w3.org/2000/svg';

/** The attach button's paperclip, drawn (no emoji font, no image the host page's CSP could block); decorative. */
function paperclip() {
  const icon = document.createElementNS(SVG, 'svg');
  const path = document.createElementNS(SVG, 'path');
  for (const [name, value] of [['viewBox', '0 0 24 24'], ['width', '22'], ['height', '22'], ['aria-hidden', 'true'], ['focusable', 'false']]) {
    icon.setAttribute(name, value);
  }
  for (const [name, value] of [['d', 'M16 6v10a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10a1 1 0 0 1-2 0V7'], ['fill', 'none'], ['stroke', 'currentColor'],
    ['stroke-width', '1.8'], ['stroke-linecap', 'round'], ['transform', 'rotate(40 12 12)']]) {
    path.setAttribute(name, value);
  }
  icon.appendChild(path);
  return icon;
}

export class Composer {
  /** @param {Texts} texts the page's language */
  constructor(texts) {
    this.texts = texts;
    this.input = el('textarea', { className: 'input', attrs: { rows: 1, placeholder: texts.placeholder, 'aria-label': texts.placeholder } });
    this.sendButton = el('button', { className: 'send', text: texts.send, attrs: { type: 'submit' } });
    this.attachButton = el('button', { className: 'attach', attrs: { type: 'button', 'aria-label': texts.attach, title: texts.attach } });
    this.attachButton.appendChild(paperclip());
    // The picker offers only what may be sent: on iOS, Safari then hands HEIC photos over as JPEG.
    this.fileInput = el('input', { className: 'file', attrs: { type: 'file', accept: ACCEPTED_TYPES.join(','), tabindex: '-1', 'aria-hidden': 'true' } });
    this.fileInput.hidden = true;
    this.form = el('form', { className: 'composer' }, [this.attachButton, this.fileInput, this.input, this.sendButton]);
    this.privacy = el('p', { className: 'privacy' });
    this.privacy.hidden = true;
    this.started = false;
    this.root = el('div', { className: 'composer-area' }, [this.form, this.privacy]);
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

  /** @param {(file: File) => void} pick a file the visitor chose */
  wireAttach(pick) {
    this.attachButton.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files && this.fileInput.files[0];
      this.fileInput.value = ''; // the same file can be chosen again (after a removal)
      if (file) {
        pick(file);
      }
    });
  }

  /**
   * What the assistant waits for (null: a question of any kind), in the conversation's language.
   * @param {unknown} question
   * @param {Texts} texts
   */
  expect(question, texts) {
    const key = typeof question === 'string' && Object.prototype.hasOwnProperty.call(ASKING, question) ? ASKING[/** @type {keyof typeof ASKING} */ (question)] : null;
    const words = key ? texts[key] : this.texts.placeholder;
    this.input.placeholder = words;
    this.input.setAttribute('aria-label', words);
    this.form.dataset.expecting = key ? String(question) : '';
  }

  /**
   * Links the park's privacy notice; anything but an http(s) URL shows nothing.
   * @param {unknown} url
   */
  showPrivacy(url) {
    const href = safeUrl(url, ['https:', 'http:']);
    this.privacy.replaceChildren();
    if (href) {
      this.privacy.appendChild(el('a', { text: this.texts.privacy, attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }));
    }
    this.conversationStarted(this.started);
  }

  /**
   * The notice is read before the first message; then it leaves the room to the conversation.
   * @param {boolean} started
   */
  conversationStarted(started) {
    this.started = started;
    this.privacy.hidden = started || !this.privacy.firstChild;
  }
}
