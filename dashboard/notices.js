// Telling operators who are looking elsewhere: a browser notification (once they allowed them), a
// short beep, and a count in the tab's title. Each kind can be switched off; the choices are the
// operator's preferences on the server, and also kept in this browser for a server without them.
import { ApiError, api } from './api.js';
import { TEXT } from './i18n/text.js';
import { saveSession, state } from './state.js';

/**
 * @typedef {object} Preferences
 * @property {'it' | 'en' | null} language
 * @property {boolean} notifyAssigned
 * @property {boolean} notifyQueue
 * @property {boolean} notifyFirstResponse
 * @property {boolean} notifyTicketAlerts
 * @property {boolean} sound
 */

/** @typedef {'notifyAssigned' | 'notifyQueue' | 'notifyFirstResponse' | 'notifyTicketAlerts' | 'sound'} Switch */

/**
 * What a notice says and what a click on it opens; notices with the same tag replace each other.
 * @typedef {object} Notice
 * @property {string} title
 * @property {() => Promise<string> | string} body read only when a notification is shown
 * @property {string} tag
 * @property {() => void} open
 */

/** @type {ReadonlyArray<Switch>} */
export const SWITCHES = ['notifyAssigned', 'notifyQueue', 'notifyFirstResponse', 'notifyTicketAlerts', 'sound'];

/** @type {Readonly<Preferences>} */
const DEFAULTS = { language: null, notifyAssigned: true, notifyQueue: true, notifyFirstResponse: true, notifyTicketAlerts: true, sound: true };

const STORAGE_PREFIX = 'lucine.preferences.v1:';

/** A server without the preferences field answers so: the choice stays in this browser. */
const NOT_ON_SERVER = [400, 404, 405];

const BASE_TITLE = TEXT.page.title;

/** @type {Preferences} */
let preferences = { ...DEFAULTS };

/** Queue entries and alerts that came while the tab was not in view. */
let unseen = 0;

/** @type {AudioContext | null} */
let audio = null;

/**
 * Only the known fields, each of its own type.
 * @param {unknown} given
 * @returns {Partial<Preferences>}
 */
function known(given) {
  if (!given || typeof given !== 'object') {
    return {};
  }
  const source = /** @type {Record<string, unknown>} */ (given);
  /** @type {Partial<Preferences>} */
  const picked = {};
  for (const name of SWITCHES) {
    if (typeof source[name] === 'boolean') { picked[name] = /** @type {boolean} */ (source[name]); }
  }
  if (source.language === 'it' || source.language === 'en' || source.language === null) { picked.language = source.language; }
  return picked;
}

/** @param {string} username */
function storedFor(username) {
  try {
    return known(JSON.parse(localStorage.getItem(STORAGE_PREFIX + username) || 'null'));
  } catch {
    return {};
  }
}

/** @param {string} username */
function storeFor(username) {
  try {
    localStorage.setItem(STORAGE_PREFIX + username, JSON.stringify(preferences));
  } catch {
    // Storage unavailable: the choice lasts as long as the page.
  }
}

/**
 * The operator's preferences: the server's where their profile has them, else this browser's.
 * @param {import('./state.js').Operator | null} operator
 */
export function readPreferences(operator) {
  preferences = operator ? { ...DEFAULTS, ...storedFor(operator.username), ...known(operator.preferences) } : { ...DEFAULTS };
}

/** @returns {Readonly<Preferences>} */
export function currentPreferences() {
  return preferences;
}

/**
 * Switches one kind of notice on or off, on the server and in this browser.
 * @param {Switch} name
 * @param {boolean} on
 */
export async function setPreference(name, on) {
  const me = state.operator;
  if (!me) {
    return;
  }
  preferences = { ...preferences, [name]: on };
  storeFor(me.username);
  await savePreferences({ [name]: on });
}

/**
 * Sends a change of the preferences to the server, and keeps its answer with the session.
 * @param {Record<string, unknown>} change
 */
async function savePreferences(change) {
  try {
    const updated = await api('PATCH', '/api/operators/me', { preferences: change });
    if (updated && updated.preferences && state.operator) {
      state.operator.preferences = updated.preferences;
      saveSession();
    }
  } catch (error) {
    if (!(error instanceof ApiError && NOT_ON_SERVER.includes(error.status))) {
      throw error;
    }
  }
}

/**
 * The operator's language on the server ('' follows the browser), for their next login anywhere.
 * @param {'it' | 'en' | ''} language
 */
export async function saveLanguage(language) {
  if (!state.operator) {
    return;
  }
  preferences = { ...preferences, language: language || null };
  await savePreferences({ language });
}

/** 'unsupported' where the browser has no notifications. */
export function permission() {
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

/** Asked only when the operator presses the button for it, never at load. */
export async function askPermission() {
  if ('Notification' in window && Notification.permission === 'default') {
    await Notification.requestPermission();
  }
  return permission();
}

export function inView() {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/** Browsers let a page make sound only after a gesture: the preferences' clicks are one. */
export function unlockSound() {
  try {
    audio = audio || new AudioContext();
    audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}

/** A short two-tone beep, made here: no file to load. */
function beep() {
  unlockSound();
  if (!audio) {
    return;
  }
  const start = audio.currentTime;
  const gain = audio.createGain();
  gain.gain.setValueAtTime(0.12, start);
  gain.gain.exponentialRampToValueAtTime(0.001, start + 0.35);
  gain.connect(audio.destination);
  [880, 1320].forEach((frequency, i) => {
    const tone = /** @type {AudioContext} */ (audio).createOscillator();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(start + i * 0.12);
    tone.stop(start + 0.12 + i * 0.12);
  });
}

/**
 * Something for the operator while the tab is not in view: counted in the title and, as they
 * chose, a notification and a beep.
 * @param {Exclude<Switch, 'sound'>} kind
 * @param {Notice} notice
 */
export async function notify(kind, notice) {
  if (inView()) {
    return;
  }
  unseen++;
  renderTitle();
  if (!preferences[kind]) {
    return;
  }
  if (preferences.sound) {
    beep();
  }
  if (permission() !== 'granted') {
    return;
  }
  const shown = new Notification(notice.title, { body: await notice.body(), tag: notice.tag });
  shown.onclick = () => {
    window.focus();
    notice.open();
    shown.close();
  };
}

/** Visitor messages not seen in my chats, and what came while the tab was not in view. */
export function renderTitle() {
  let count = unseen;
  state.unread.forEach((messages) => { count += messages; });
  document.title = count > 0 ? '(' + count + ') ' + BASE_TITLE : BASE_TITLE;
}

/**
 * What the operator sees again when the tab is back in view is no longer counted.
 * @param {() => void} seen what else is seen then (the open chat's new messages)
 */
export function wireNotices(seen) {
  const back = () => {
    if (!inView()) {
      return;
    }
    unseen = 0;
    seen();
    renderTitle();
  };
  document.addEventListener('visibilitychange', back);
  window.addEventListener('focus', back);
}

/** Logged out: nothing counted, and the next operator's own choices. */
export function resetNotices() {
  unseen = 0;
  readPreferences(null);
  renderTitle();
}
