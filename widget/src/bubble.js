// One message as the visitor sees it: who speaks (an operator's initials, the assistant's mark),
// the words, and when (local time; the full date in the tooltip). Lucine's ticket confirmation
// is a card of its own, announced as a status.
import { el, initials } from '../client/dom.js';

/**
 * What a message needs to be drawn.
 * @typedef {object} Said
 * @property {string} sender a known sender, or 'visitor pending' for a draft on its way
 * @property {string} text
 * @property {string | null} [author] the operator's display name
 * @property {string} [createdAt] ISO 8601, from the server
 * @property {string | null} [ticket] set on Lucine's message that confirms a ticket
 */

/** As many as the initials' tones in lucine-widget.css. */
const TONES = 6;

/**
 * The same person always gets the same tone.
 * @param {string} name
 */
function toneOf(name) {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + (char.codePointAt(0) || 0)) >>> 0;
  }
  return hash % TONES;
}

/**
 * Who speaks, beside the bubble; decorative, as the author's name is written in the bubble.
 * @param {string} sender
 * @param {string | null | undefined} author
 */
function face(sender, author) {
  if (sender === 'operator') {
    return el('span', { className: 'face initials', text: initials(author), attrs: { 'aria-hidden': 'true', 'data-tone': toneOf(author || '') } });
  }
  if (sender === 'bot') {
    return el('span', { className: 'face mark', text: '✦', attrs: { 'aria-hidden': 'true' } });
  }
  return null;
}

/**
 * @param {string | undefined} createdAt
 * @param {string} lang the page's, for the time's format
 */
function timeOf(createdAt, lang) {
  const at = createdAt ? new Date(createdAt) : null;
  if (!at || Number.isNaN(at.getTime())) {
    return null;
  }
  return el('time', {
    className: 'time',
    text: at.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false }),
    attrs: { datetime: at.toISOString(), title: at.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' }) }
  });
}

/**
 * The message's row in the log: its face, its bubble (class `message` and the sender), its time.
 * @param {Said} said
 * @param {string} lang
 * @returns {HTMLDivElement}
 */
export function bubble(said, lang) {
  const card = said.sender === 'system' && !!said.ticket;
  const message = el('div', { className: 'message ' + said.sender + (card ? ' ticket' : ''), attrs: card ? { role: 'status' } : {} }, [
    !!said.author && el('p', { className: 'author', text: said.author }),
    // A photo sent without a caption has no words.
    !!said.text && el('p', { className: 'text', text: said.text })
  ]);
  return el('div', { className: 'entry ' + said.sender.split(' ')[0] }, [
    face(said.sender, said.author),
    el('div', { className: 'said' }, [message, timeOf(said.createdAt, lang)])
  ]);
}
