// Who the visitor is, beside a chat or a transcript: the page they are on (its title as text, its
// address a link only when it is http or https), where they came from, their device and browser
// language, and their earlier conversations from the same browser.
import { safeUrl } from '../../widget/client/dom.js';
import { el, label, moment, show } from '../dom.js';
import { TEXT } from '../i18n/text.js';

/**
 * What the widget said about the visitor (all optional: older widgets say nothing).
 * @typedef {object} VisitorContext
 * @property {string} [pageUrl]
 * @property {string} [pageTitle]
 * @property {string} [referrer]
 * @property {string} [device]
 * @property {string} [language]
 */

/**
 * An ended conversation as the history lists it.
 * @typedef {object} ConversationSummary
 * @property {string} sessionId
 * @property {string} [startedAt]
 * @property {string} [endedAt]
 * @property {string} [outcome]
 * @property {string | null} [operator]
 * @property {string | null} [operatorName]
 * @property {string | null} [language]
 * @property {number} [messageCount]
 * @property {string | null} [preview]
 */

/**
 * A web address as a link that opens apart from the console, or as plain text when it is not http(s).
 * @param {string | undefined} url
 * @param {string} text
 */
function link(url, text) {
  const href = safeUrl(url, ['https:', 'http:']);
  return href
    ? el('a', { className: 'context-link', text, attrs: { href, target: '_blank', rel: 'noopener noreferrer', title: url } })
    : el('span', { text });
}

/**
 * @param {string} term
 * @param {Node} value
 */
function row(term, value) {
  return [el('dt', { text: term }), el('dd', {}, [value])];
}

/**
 * When an ended conversation ended, how, and with whom.
 * @param {ConversationSummary} item
 */
export function summaryLine(item) {
  return [
    moment(item.endedAt),
    label(TEXT.outcome, item.outcome),
    item.operatorName ? TEXT.conversations.with + ' ' + item.operatorName : TEXT.conversations.noOperator
  ].join(' · ');
}

/**
 * Draws the panel into `container`.
 * @param {HTMLElement} container
 * @param {VisitorContext | null | undefined} context
 * @param {ConversationSummary[]} earlier newest first
 * @param {(sessionId: string) => void} onOpen what a click on an earlier conversation does
 */
export function renderContext(container, context, earlier, onOpen) {
  const facts = [];
  if (context && context.pageUrl) {
    facts.push(...row(TEXT.context.page, link(context.pageUrl, context.pageTitle || TEXT.context.untitled)));
  }
  if (context && context.referrer) {
    facts.push(...row(TEXT.context.referrer, link(context.referrer, context.referrer)));
  }
  if (context && context.device) {
    facts.push(...row(TEXT.context.device, el('span', { className: 'context-device', text: label(TEXT.context.devices, context.device) })));
  }
  if (context && context.language) {
    facts.push(...row(TEXT.context.language, el('span', { text: context.language })));
  }
  const list = el('ul', { className: 'earlier', attrs: { 'aria-label': TEXT.context.earlier } }, earlier.map((item) => {
    const open = el('button', { className: 'earlier-open', text: summaryLine(item), attrs: { type: 'button', 'data-session-id': item.sessionId } });
    open.addEventListener('click', () => onOpen(item.sessionId));
    return el('li', {}, [open]);
  }));
  container.replaceChildren(
    el('h3', { text: TEXT.context.title }),
    facts.length > 0 ? el('dl', { className: 'context-facts' }, facts) : el('p', { className: 'empty', text: TEXT.context.none }),
    el('h4', { text: TEXT.context.earlier }),
    earlier.length > 0 ? list : el('p', { className: 'empty', text: TEXT.context.noEarlier })
  );
  show(container, true);
}
