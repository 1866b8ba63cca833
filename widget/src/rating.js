// The rating card the widget shows when a chat that is rated has ended: closed by the operator, or
// ended by the visitor after the assistant alone helped. The server decides which chats are rated
// and for how long (GET /api/chat/{id}/rating says `canRate`); the card only asks it.
import { call, isProblem } from '../client/api.js';
import { RatingForm } from '../client/rating-form.js';
import { SESSION_TOKEN_HEADER } from '../client/wire.js';

/** @typedef {import('./session.js').StoredSession} StoredSession */
/** @typedef {import('./view.js').WidgetView} WidgetView */
/** @typedef {import('./i18n/it.js').Texts} Texts */

/** @type {WeakMap<WidgetView, RatingCard>} */
const cards = new WeakMap();

/**
 * Shows the card under the conversation once it has ended (and hides it when another begins).
 * @param {WidgetView} view
 * @param {string} api
 * @param {StoredSession | null} session
 * @param {string | null} status the conversation's
 * @param {Texts} texts the conversation's language
 */
export function offerRating(view, api, session, status, texts) {
  let card = cards.get(view);
  if (!card) {
    card = new RatingCard(view, api);
    cards.set(view, card);
  }
  card.follow(status === 'ended' ? session : null, texts);
}

class RatingCard {
  /**
   * @param {WidgetView} view
   * @param {string} api
   */
  constructor(view, api) {
    this.view = view;
    this.api = api;
    /** @type {string | null} the session whose ended conversation the card is about */
    this.shownFor = null;
    /** @type {HTMLFormElement | null} */
    this.element = null;
  }

  /**
   * @param {StoredSession | null} ended
   * @param {Texts} texts
   */
  follow(ended, texts) {
    const key = ended ? ended.sessionId : null;
    if (key === this.shownFor) {
      return;
    }
    this.shownFor = key;
    this.remove();
    if (ended) {
      this.load(ended, texts);
    }
  }

  /**
   * @param {StoredSession} session
   * @param {Texts} texts
   */
  async load(session, texts) {
    const url = `${this.api}/api/chat/${encodeURIComponent(session.sessionId)}/rating`;
    const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json', [SESSION_TOKEN_HEADER]: session.sessionToken };
    const answer = await call(url, { headers });
    if (this.shownFor !== session.sessionId || !answer.ok || !answer.body || !answer.body.canRate) {
      return;
    }
    const form = new RatingForm(texts.rating, async (score, comment) => {
      const sent = await call(url, { method: 'POST', headers, body: JSON.stringify({ score, comment }) });
      return { ok: sent.ok, closed: sent.status === 409 && isProblem(sent.body, 'rating-closed') };
    });
    form.show(answer.body.rating);
    this.element = form.element;
    this.view.panel.insertBefore(form.element, this.view.actions);
    this.view.scrollToEnd();
  }

  remove() {
    if (this.element) {
      this.element.remove();
      this.element = null;
    }
  }
}
