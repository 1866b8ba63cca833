// A versioned document's history as the knowledge base and the customer texts show it: each
// version described, the one in use marked, a restore button for every other.
import { el, moment } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

/**
 * @typedef {object} Version
 * @property {number} version
 * @property {string} [source]
 * @property {string} [savedBy]
 * @property {string} [savedAt]
 * @property {number} [size]
 * @property {number | null} [restoredFrom]
 */

/**
 * @param {Version} version
 * @param {boolean} long
 */
export function describeVersion(version, long) {
  const words = TEXT.knowledge;
  const parts = [fill(words.version, { version: version.version })];
  if (version.source === 'file') {
    parts.push(words.fromFile);
  } else {
    parts.push(long ? fill(words.savedBy, { who: version.savedBy }) : String(version.savedBy), moment(version.savedAt));
  }
  parts.push(fill(words.size, { size: version.size }));
  if (version.restoredFrom !== undefined && version.restoredFrom !== null) {
    parts.push(fill(words.restoredFrom, { version: version.restoredFrom }));
  }
  return parts.join(' · ');
}

/**
 * The history's items.
 * @param {Version[]} items
 * @param {number} current
 * @param {(version: number, button: HTMLButtonElement) => void} restore
 */
export function versionItems(items, current, restore) {
  return items.map((item) => {
    let action;
    if (item.version === current) {
      action = el('span', { className: 'badge', text: TEXT.knowledge.inUse });
    } else {
      const button = /** @type {HTMLButtonElement} */ (el('button', { className: 'ghost', text: TEXT.knowledge.restore, attrs: { type: 'button', 'aria-label': fill(TEXT.knowledge.restoreLabel, { version: item.version }) } }));
      button.addEventListener('click', () => restore(item.version, button));
      action = button;
    }
    return el('li', { className: 'version-item', attrs: { 'data-version': item.version } }, [
      el('span', { text: describeVersion(item, false) }),
      action
    ]);
  });
}
