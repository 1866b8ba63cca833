// Where the visitor is, for the operators: the page, where they came from, their language, a
// coarse device, and this browser's own widget id (random, kept in the host site's localStorage;
// the server stores only a keyed hash of it, so it identifies nobody anywhere else).

const WIDGET_ID_KEY = 'lucine.widget.v1';
const MAX_URL = 2048;
const MAX_TITLE = 200;

/**
 * @typedef {object} VisitorPage
 * @property {string} url
 * @property {string} [title]
 */

/**
 * What the first message carries; every field is optional for the server.
 * @typedef {object} VisitorContext
 * @property {string} [pageUrl]
 * @property {string} [pageTitle]
 * @property {string} [referrer]
 * @property {'mobile' | 'desktop'} device
 * @property {string} [language]
 * @property {string} [widgetId]
 */

/**
 * A web address the server accepts (absolute http or https, not too long), or undefined.
 * @param {string} value
 * @returns {string | undefined}
 */
function webAddress(value) {
  return /^https?:\/\//i.test(value) && value.length <= MAX_URL ? value : undefined;
}

/** 16 random bytes in base64url: 22 characters, the shape the server checks. */
function newWidgetId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @returns {string | undefined} this browser's widget id, made once; none without storage */
function widgetId() {
  try {
    let id = localStorage.getItem(WIDGET_ID_KEY);
    if (!id || !/^[A-Za-z0-9_-]{22,32}$/.test(id)) {
      id = newWidgetId();
      localStorage.setItem(WIDGET_ID_KEY, id);
    }
    return id;
  } catch {
    return undefined;
  }
}

/** @returns {VisitorPage | null} the page open now, when it has a web address */
export function currentPage() {
  const url = webAddress(location.href);
  if (!url) {
    return null;
  }
  // Control characters are refused by the server; a title is only ever shown as text.
  const title = document.title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_TITLE);
  return title ? { url, title } : { url };
}

/** @returns {VisitorContext} */
export function visitorContext() {
  const page = currentPage();
  const language = navigator.language;
  return {
    pageUrl: page ? page.url : undefined,
    pageTitle: page ? page.title : undefined,
    referrer: webAddress(document.referrer),
    device: matchMedia('(pointer: coarse) and (max-width: 1024px)').matches ? 'mobile' : 'desktop',
    language: /^[A-Za-z0-9-]{1,35}$/.test(language) ? language : undefined,
    widgetId: widgetId()
  };
}

/**
 * Follows the visitor from page to page while a conversation is going, so that the operator sees
 * where they are: the page at a load (the widget starts again on every page) and after history
 * navigation or an in-page anchor. `report` sends a page and says whether it did (not without a
 * live session); a page already reported is not sent again.
 * @param {(page: VisitorPage) => boolean} report
 * @returns {() => void} reports the page open now
 */
export function followPages(report) {
  let reported = '';
  const check = () => {
    const page = currentPage();
    const key = page ? page.url + '\n' + (page.title || '') : '';
    if (page && key !== reported && report(page)) {
      reported = key;
    }
  };
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  return check;
}
