// The console's language, decided once when the page loads: the operator's choice (the server's
// preference, mirrored in this browser so that the login page knows it too), else the browser's.
// Changing it reloads the page, so no view has to render itself again in another language.
import { TEXT as EN } from './en.js';
import { TEXT as IT } from './it.js';

/** @typedef {'it' | 'en'} Language */

const STORAGE_KEY = 'lucine.language.v1';

/** @returns {Language | null} */
function stored() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'it' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Italian if the first language the browser prefers among those the console speaks is Italian.
 * @returns {Language}
 */
function browsers() {
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  const first = wanted.find((tag) => /^(it|en)\b/i.test(tag || ''));
  return first && first.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** @type {Language} */
const chosen = stored() || browsers();

/** Every word the console shows, in its language. */
export const TEXT = chosen === 'en' ? EN : IT;

/** @returns {Language} */
export function language() {
  return chosen;
}

/** The choice kept in this browser: '' when the browser's language is followed. @returns {Language | ''} */
export function chosenLanguage() {
  return stored() || '';
}

/** For dates and times, in the park's time zone either way. */
export function locale() {
  return chosen === 'en' ? 'en-GB' : 'it-IT';
}

/**
 * Keeps the choice in this browser ('' follows the browser's), and reloads if the page is not in
 * that language already.
 * @param {Language | ''} choice
 * @returns {boolean} whether the page reloads
 */
export function chooseLanguage(choice) {
  try {
    if (choice) {
      localStorage.setItem(STORAGE_KEY, choice);
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Storage unavailable: the page follows the browser.
  }
  if ((stored() || browsers()) === chosen) {
    return false;
  }
  location.reload();
  return true;
}

/**
 * A template's {name} placeholders filled; one without a value stays as it is written.
 * @param {string} template
 * @param {Readonly<Record<string, unknown>>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) && values[name] != null ? String(values[name]) : whole));
}

/**
 * The text at a dotted path of TEXT ("login.title"); a path that leads nowhere is a page and
 * script out of step, and fails by name.
 * @param {string} path
 * @returns {string}
 */
export function textAt(path) {
  /** @type {unknown} */
  let node = TEXT;
  for (const step of path.split('.')) {
    node = node && typeof node === 'object' && Object.hasOwn(node, step) ? /** @type {Record<string, unknown>} */ (node)[step] : undefined;
  }
  if (typeof node !== 'string') {
    throw new Error('TEXT.' + path + ' is missing');
  }
  return node;
}

/** Attributes written from TEXT: data-i18n-placeholder="path" sets placeholder, and so on. */
const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];

/**
 * The page's static words (data-i18n and data-i18n-<attribute>), its title and its lang. The
 * Italian written in index.html stays there for the moment before the scripts run.
 * @param {ParentNode} [root]
 */
export function translatePage(root = document) {
  document.documentElement.lang = chosen;
  document.title = TEXT.page.title;
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = textAt(/** @type {HTMLElement} */ (node).dataset.i18n || '');
  }
  for (const attribute of ATTRIBUTES) {
    for (const node of root.querySelectorAll('[data-i18n-' + attribute + ']')) {
      node.setAttribute(attribute, textAt(node.getAttribute('data-i18n-' + attribute) || ''));
    }
  }
}
