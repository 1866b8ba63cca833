// Every element of both clients is made here, and text only ever goes in through textContent:
// nothing the server or a visitor wrote is parsed as HTML.

/**
 * @typedef {object} ElementOptions
 * @property {string} [className]
 * @property {unknown} [text] set as textContent (null and undefined leave the element empty)
 * @property {Record<string, unknown>} [attrs] set with setAttribute (null and undefined are skipped)
 */

/**
 * Creates an element; `children` that are null or false are skipped, so optional parts can be
 * written inline.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElementOptions} [options]
 * @param {ReadonlyArray<Node | null | false | undefined>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined && options.text !== null) {
    node.textContent = String(options.text);
  }
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child) {
      node.appendChild(child);
    }
  }
  return node;
}

/**
 * The URL if it parses as an absolute URL with one of `protocols`, else null: links and avatars
 * from the server are never script or data URLs.
 * @param {unknown} value
 * @param {ReadonlyArray<string>} [protocols]
 * @returns {string | null}
 */
export function safeUrl(value, protocols = ['https:']) {
  if (typeof value !== 'string' || !value) {
    return null;
  }
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The first letters of the first two words that have one: "Admin (local)" is "AL", never "A(".
 * @param {unknown} name
 */
export function initials(name) {
  const letters = String(name || '').trim().split(/\s+/).map((word) => (word.match(/\p{L}/u) || [''])[0]).filter(Boolean);
  return letters.slice(0, 2).join('').toUpperCase() || '?';
}

/**
 * Hands bytes fetched with a token (which a plain link cannot send) to the browser as a download.
 * @param {Blob} blob
 * @param {string} name the file's name
 */
export function saveBlob(blob, name) {
  const link = /** @type {HTMLAnchorElement} */ (el('a', { attrs: { href: URL.createObjectURL(blob), download: name } }));
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
