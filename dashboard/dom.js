// The console's DOM helpers and formats. Everything that comes from the server or from a visitor
// is written with textContent (or as an attribute value): no innerHTML, no inline handlers.
import { el, initials, safeUrl } from '../widget/client/dom.js';
import { TEXT, locale } from './i18n/text.js';
// The views' markup is in the page before any module that looks an element up runs.
import './markup.js';

export { el };

/**
 * The page's element with this id, of this type: a page and script out of step fail at once,
 * by name, rather than later on a null.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} [type]
 * @returns {T}
 */
export function $(id, type) {
  const node = document.getElementById(id);
  if (!node || (type && !(node instanceof type))) {
    throw new Error('#' + id + ' is missing from the page');
  }
  return /** @type {T} */ (node);
}

/**
 * @param {HTMLElement} node
 * @param {boolean} visible
 */
export function show(node, visible) {
  node.hidden = !visible;
}

/**
 * Keeps one element per key, in the order of `items`, so that lists do not flicker.
 * @template T
 * @param {HTMLElement} list
 * @param {ReadonlyArray<T>} items
 * @param {(item: T) => string} key
 * @param {(item: T) => HTMLElement} create
 * @param {(node: HTMLElement, item: T) => void} update
 */
export function reconcile(list, items, key, create, update) {
  /** @type {Map<string | undefined, HTMLElement>} */
  const existing = new Map();
  for (const child of list.children) {
    if (child instanceof HTMLElement) {
      existing.set(child.dataset.key, child);
    }
  }
  /** @type {HTMLElement | null} */
  let previous = null;
  for (const item of items) {
    const k = key(item);
    let node = existing.get(k);
    if (node) {
      existing.delete(k);
    } else {
      node = create(item);
      node.dataset.key = k;
    }
    update(node, item);
    const expected = /** @type {ChildNode | null} */ (previous ? previous.nextSibling : list.firstChild);
    if (node !== expected) {
      list.insertBefore(node, expected);
    }
    previous = node;
  }
  existing.forEach((node) => node.remove());
}

/**
 * A list item that opens what it stands for: a button holding a line (number, badges…) and,
 * under it, the rest (a preview…).
 * @param {string} className
 * @param {Node[]} line
 * @param {Node[]} below
 * @param {(li: HTMLLIElement) => void} onOpen
 */
export function openableItem(className, line, below, onOpen) {
  const li = el('li', { className: 'item ' + className });
  const open = el('button', { className: 'item-open', attrs: { type: 'button' } }, [el('span', { className: 'item-line' }, line), ...below]);
  open.addEventListener('click', () => onOpen(li));
  li.appendChild(open);
  return li;
}

/**
 * A form's submission, handled here rather than by the browser.
 * @param {HTMLFormElement} form
 * @param {() => void} handler
 */
export function onSubmit(form, handler) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler();
  });
}

/**
 * Enter sends (Ctrl or Cmd+Enter too), Shift+Enter starts a new line: the same in every composer.
 * @param {HTMLTextAreaElement} text
 * @param {HTMLFormElement} form
 */
export function sendOnEnter(text, form) {
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

/**
 * The child of `node` matching `selector`, which the code that made `node` put there.
 * @param {ParentNode} node
 * @param {string} selector
 * @returns {HTMLElement}
 */
export function part(node, selector) {
  const found = node.querySelector(selector);
  if (!(found instanceof HTMLElement)) {
    throw new Error(selector + ' is missing');
  }
  return found;
}

/**
 * An https avatar as an image, anything else (or an image that fails) as initials.
 * @param {HTMLElement} container
 * @param {{ displayName?: string, username?: string, avatar?: string } | null} person
 */
export function renderAvatar(container, person) {
  container.replaceChildren();
  const name = person && (person.displayName || person.username);
  const src = person && safeUrl(person.avatar);
  if (src) {
    const img = el('img', { attrs: { alt: '', width: 28, height: 28, referrerpolicy: 'no-referrer' } });
    img.addEventListener('error', () => {
      container.textContent = initials(name);
    });
    img.src = src;
    container.appendChild(img);
  } else {
    container.textContent = initials(name);
  }
}

/**
 * @param {unknown} value
 * @param {Intl.DateTimeFormatOptions} options
 * @param {'time' | 'date'} kind
 */
function format(value, options, kind) {
  const date = new Date(/** @type {string} */ (value));
  if (isNaN(date.getTime())) {
    return '';
  }
  const inRome = { ...options, timeZone: 'Europe/Rome' };
  return kind === 'time' ? date.toLocaleTimeString(locale(), inRome) : date.toLocaleString(locale(), inRome);
}

/** @param {unknown} value */
export function time(value) {
  return format(value, { hour: '2-digit', minute: '2-digit' }, 'time');
}

/**
 * The full date, the month in words (in the console's language), and the time to the second.
 * @param {unknown} value
 */
export function dateTime(value) {
  return format(value, { dateStyle: 'medium', timeStyle: 'medium' }, 'date');
}

/**
 * Day and time to the minute, in the park's time zone: for due times and ticket dates.
 * @param {unknown} value
 */
export function moment(value) {
  return format(value, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }, 'date');
}

/**
 * A time element: the time as `shown`, the full date and time on hover.
 * @param {unknown} value
 * @param {(value: unknown) => string} shown
 */
export function timeNode(value, shown) {
  return el('time', { text: shown(value), attrs: { datetime: value, title: dateTime(value) } });
}

/** @param {number} seconds */
export function duration(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 && m < 10 ? '0' + m : String(m);
  const ss = s < 10 ? '0' + s : String(s);
  return (h > 0 ? h + ':' : '') + mm + ':' + ss;
}

/** @param {unknown} sessionId */
export function shortId(sessionId) {
  return String(sessionId || '').slice(0, 8);
}

/**
 * The table's word for `value`, or the value itself if the table has none (a newer server's name).
 * @param {Readonly<Record<string, string>>} table
 * @param {unknown} value
 * @returns {string}
 */
export function label(table, value) {
  return typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : String(value || '');
}

const toasts = $('toasts');

/**
 * A message in the corner, read out by screen readers; errors and alerts stay longer.
 * @param {string} text
 * @param {'info' | 'error' | 'alert'} kind
 */
export function toast(text, kind) {
  const close = el('button', { className: 'toast-close', text: '×', attrs: { type: 'button', 'aria-label': TEXT.toast.close } });
  const node = el('div', { className: 'toast ' + kind }, [el('span', { text }), close]);
  const remove = () => node.remove();
  close.addEventListener('click', remove);
  toasts.appendChild(node);
  setTimeout(remove, kind === 'error' || kind === 'alert' ? 10000 : 6000);
}
