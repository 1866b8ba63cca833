// "How did we do?": five stars and an optional comment, the same in the widget (after a chat) and on
// the rating page (after a ticket). The stars are buttons (Tab reaches them, arrows move between
// them, Enter or Space chooses), each saying its score to screen readers; text goes in only through
// textContent.
import { el } from './dom.js';

/** The longest comment the server keeps. */
export const MAX_COMMENT = 500;

/**
 * The form's words, in the visitor's language. `star` and `stars` hold `{n}`.
 * @typedef {object} RatingTexts
 * @property {string} title
 * @property {string} scale what the stars are, for screen readers
 * @property {string} star "1 star out of 5"
 * @property {string} stars "{n} stars out of 5"
 * @property {string} comment the comment's label
 * @property {string} send
 * @property {string} thanks
 * @property {string} chooseFirst a send without stars
 * @property {string} closed the 24 hours are over
 * @property {string} failed
 */

/**
 * A rating as the server gives it back.
 * @typedef {object} Rating
 * @property {number} score
 * @property {string} [comment]
 */

/**
 * What sending answered: stored, or refused because the rating window has closed (else it failed).
 * @typedef {object} SendResult
 * @property {boolean} ok
 * @property {boolean} closed
 */

export class RatingForm {
  /**
   * @param {RatingTexts} texts
   * @param {(score: number, comment: string) => Promise<SendResult>} send
   */
  constructor(texts, send) {
    this.texts = texts;
    this.send = send;
    this.score = 0;
    /** @type {HTMLButtonElement[]} */
    this.stars = [1, 2, 3, 4, 5].map((n) => el('button', {
      className: 'rating-star',
      text: '★',
      attrs: { type: 'button', 'aria-pressed': 'false', 'aria-label': (n === 1 ? texts.star : texts.stars).replace('{n}', String(n)), 'data-score': n }
    }));
    this.scale = el('div', { className: 'rating-stars', attrs: { role: 'group', 'aria-label': texts.scale } }, this.stars);
    this.comment = el('textarea', { className: 'rating-comment', attrs: { rows: 2, maxlength: MAX_COMMENT, 'aria-label': texts.comment, placeholder: texts.comment } });
    this.submit = el('button', { className: 'rating-send', text: texts.send, attrs: { type: 'submit' } });
    this.status = el('p', { className: 'rating-status', attrs: { role: 'status' } });
    this.element = el('form', { className: 'rating', attrs: { 'aria-label': texts.title } },
      [el('p', { className: 'rating-title', text: texts.title }), this.scale, this.comment, this.submit, this.status]);

    this.stars.forEach((star, index) => {
      star.addEventListener('click', () => this.choose(index + 1));
      star.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : 0;
        if (step) {
          event.preventDefault();
          const next = Math.min(5, Math.max(1, index + 1 + step));
          this.choose(next);
          this.stars[next - 1].focus();
        }
      });
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendNow();
    });
  }

  /**
   * Shows a rating given before (the visitor may change it).
   * @param {Rating | null | undefined} rating
   */
  show(rating) {
    this.choose(rating ? rating.score : 0);
    this.comment.value = rating && rating.comment ? rating.comment : '';
    this.tell(rating ? this.texts.thanks : '');
  }

  /** @param {number} score 0 chooses none */
  choose(score) {
    this.score = score;
    this.stars.forEach((star, index) => {
      star.setAttribute('aria-pressed', String(index < score));
      star.classList.toggle('chosen', index < score);
    });
  }

  async sendNow() {
    if (this.score === 0) {
      this.tell(this.texts.chooseFirst);
      return;
    }
    this.submit.disabled = true;
    const result = await this.send(this.score, this.comment.value.trim());
    this.submit.disabled = false;
    if (result.closed) {
      this.close();
    } else {
      this.tell(result.ok ? this.texts.thanks : this.texts.failed);
    }
  }

  /** The 24 hours are over: the rating stays as it is. */
  close() {
    this.tell(this.texts.closed);
    for (const control of [...this.stars, this.comment, this.submit]) {
      control.disabled = true;
    }
  }

  /** @param {string} text */
  tell(text) {
    this.status.textContent = text;
  }
}
