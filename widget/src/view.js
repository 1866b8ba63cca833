// The widget's DOM, inside a shadow root: the site's CSS cannot break it, its CSS cannot leak.
// Every text goes in through textContent (see ../client/dom.js).
import { el, safeUrl } from '../client/dom.js';
import { Composer } from './composer.js';

/** @typedef {import('./i18n/it.js').Texts} Texts */

/**
 * A button under the newest message: a link (our own URLs) or a command sent back as `action`.
 * @typedef {object} SmartAction
 * @property {string} kind
 * @property {string} [action]
 * @property {string} [label]
 * @property {string} [url]
 */

export class WidgetView {
  /**
   * @param {Texts} texts the page's language
   * @param {string[]} stylesheets
   */
  constructor(texts, stylesheets) {
    this.host = el('div', { attrs: { id: 'lucine-chat' } });
    const root = this.host.attachShadow({ mode: 'open' });
    for (const href of stylesheets) {
      root.appendChild(el('link', { attrs: { rel: 'stylesheet', href } }));
    }

    this.launcher = el('button', { className: 'launcher', attrs: { type: 'button', 'aria-label': texts.open, 'aria-expanded': 'false' } },
      [el('span', { className: 'launcher-icon', text: '💬' })]);
    this.closeButton = el('button', { className: 'close', text: '×', attrs: { type: 'button', 'aria-label': texts.close } });

    // Who the visitor is talking to, or where they are in the queue. The avatar <img> exists only
    // while there is one to show.
    this.statusText = el('span', { className: 'status-text' });
    this.statusLine = el('div', { className: 'status', attrs: { role: 'status' } }, [this.statusText]);
    this.statusLine.hidden = true;
    /** @type {HTMLImageElement | null} */
    this.avatar = null;

    this.log = el('div', { className: 'messages', attrs: { role: 'log', 'aria-live': 'polite', tabindex: '0', 'aria-label': texts.messages } },
      [el('p', { className: 'intro', text: texts.intro })]);
    this.actions = el('div', { className: 'actions' });
    this.typing = el('p', { className: 'typing' });
    this.typing.hidden = true;
    this.notice = el('p', { className: 'notice', attrs: { role: 'status' } });
    this.notice.hidden = true;

    this.composer = new Composer(texts);

    this.panel = el('section', { className: 'panel', attrs: { role: 'dialog', 'aria-label': texts.title } }, [
      el('header', { className: 'header' }, [el('span', { className: 'title', text: texts.title }), this.closeButton]),
      this.statusLine, this.log, this.typing, this.actions, this.notice, this.composer.root
    ]);
    this.panel.hidden = true;
    root.appendChild(this.launcher);
    root.appendChild(this.panel);
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  /** @param {boolean} focus */
  showPanel(focus) {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.hidden = true;
    this.launcher.classList.remove('unread');
    if (focus) {
      this.composer.input.focus();
    }
  }

  hidePanel() {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  /** Something was said while the panel was closed. */
  markUnread() {
    this.launcher.classList.add('unread');
  }

  /**
   * @param {string} text empty hides the notice
   * @param {boolean} [quiet] a quiet notice explains, it does not alarm: something changed, nothing failed
   */
  showNotice(text, quiet) {
    this.notice.textContent = text;
    this.notice.hidden = !text;
    this.notice.classList.toggle('quiet', !!quiet);
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * @param {ReadonlyArray<SmartAction>} list
   * @param {(action: string) => void} onCommand
   */
  showActions(list, onCommand) {
    this.actions.replaceChildren();
    for (const action of list) {
      if (action.kind === 'link') {
        const href = safeUrl(action.url, ['https:', 'mailto:', 'tel:']);
        if (href) {
          this.actions.appendChild(el('a', { className: 'action link', text: action.label,
            attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }));
        }
      } else if (action.kind === 'command' && action.action) {
        const command = action.action;
        const button = el('button', { className: 'action command', text: action.label, attrs: { type: 'button', 'data-action': command } });
        button.addEventListener('click', () => {
          this.setActionsEnabled(false);
          onCommand(command);
        });
        this.actions.appendChild(button);
      }
    }
  }

  /** @param {boolean} enabled */
  setActionsEnabled(enabled) {
    this.actions.querySelectorAll('button').forEach((button) => { button.disabled = !enabled; });
  }

  /**
   * @param {string} line empty hides the status line
   * @param {unknown} avatar the operator's avatar URL, shown only if it is https
   */
  showStatus(line, avatar) {
    this.statusText.textContent = line;
    this.statusLine.hidden = !line;
    // Only an https image, set as a property: never markup, never a script or data URL.
    const src = safeUrl(avatar);
    if (src && !this.avatar) {
      const image = el('img', { className: 'avatar', attrs: { alt: '' } });
      image.referrerPolicy = 'no-referrer';
      // A broken avatar is left out rather than shown as a broken image.
      image.addEventListener('error', () => { image.hidden = true; });
      this.statusLine.insertBefore(image, this.statusText);
      this.avatar = image;
    }
    if (src && this.avatar && this.avatar.src !== src) {
      this.avatar.hidden = false;
      this.avatar.src = src;
    }
    if (!src && this.avatar) {
      this.avatar.remove();
      this.avatar = null;
    }
  }

  /** @param {string | null} text null hides the indicator */
  showTyping(text) {
    this.typing.textContent = text || '';
    this.typing.hidden = text === null;
  }

  /** @param {'connected' | 'polling' | 'off'} channel how messages arrive now, for the page (and tests) to see */
  showChannel(channel) {
    this.host.dataset.realtime = channel;
  }
}
