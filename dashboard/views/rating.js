// A customer's answer to "How did we do?" as operators see it, on a transcript and on a ticket: the
// stars, the score in words, when, and the comment (text only, never HTML).
import { el, moment } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

/**
 * @typedef {object} Rating
 * @property {number} score 1–5
 * @property {string} [comment]
 * @property {string} at
 * @property {string} kind operator, assistant or ticket
 */

/**
 * @param {Rating} rating
 * @returns {HTMLElement}
 */
export function ratingNode(rating) {
  const score = Math.max(0, Math.min(5, Math.round(Number(rating.score)) || 0));
  return el('span', { className: 'rating-shown' }, [
    el('span', { className: 'rating-shown-stars', text: '★'.repeat(score) + '☆'.repeat(5 - score), attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'rating-shown-score', text: fill(TEXT.rating.score, { score }) }),
    el('span', { className: 'rating-shown-when', text: moment(rating.at) }),
    rating.comment ? el('q', { className: 'rating-shown-comment', text: rating.comment }) : null
  ]);
}

/**
 * Fills a rating's place, or hides it when there is none.
 * @param {HTMLElement} place
 * @param {Rating | null | undefined} rating
 */
export function showRating(place, rating) {
  place.replaceChildren(...(rating ? [el('span', { className: 'rating-shown-label', text: TEXT.rating.label }), ratingNode(rating)] : []));
  place.hidden = !rating;
}
