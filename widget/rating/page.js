// The rating page: `?ticket=<number>&access=<code>` from the resolution message (the access code is
// the customer's proof, as for GET /api/tickets/{number}), optionally `&lang=en`. It asks the server
// whether the ticket can be rated and shows the form, or says why not.
import { call, isProblem } from '../client/api.js';
import { RatingForm } from '../client/rating-form.js';
import { PAGE_TEXTS } from './texts.js';

const query = new URLSearchParams(location.search);
const ticket = query.get('ticket') || '';
const access = query.get('access') || '';
const TEXT = PAGE_TEXTS[language()];

/** The `lang` of the link, else the first of Italian and English the browser lists, else Italian. */
function language() {
  const asked = query.get('lang');
  if (asked === 'it' || asked === 'en') {
    return asked;
  }
  const first = (navigator.languages || [navigator.language]).map((tag) => tag.slice(0, 2).toLowerCase()).find((code) => code === 'it' || code === 'en');
  return first === 'en' ? 'en' : 'it';
}

/** @param {string} text */
function say(text) {
  const about = /** @type {HTMLElement} */ (document.getElementById('rating-about'));
  about.textContent = text;
}

async function start() {
  document.documentElement.lang = TEXT === PAGE_TEXTS.en ? 'en' : 'it';
  document.title = TEXT.title;
  const url = `/api/tickets/${encodeURIComponent(ticket)}/rating`;
  const headers = { 'Accept': 'application/json', 'Content-Type': 'application/json', 'X-Ticket-Access': access };
  const answer = await call(url, { headers });
  if (answer.status === 400 || answer.status === 401 || answer.status === 404) {
    say(TEXT.invalidLink);
    return;
  }
  if (!answer.ok || !answer.body) {
    say(TEXT.failed);
    return;
  }
  say(TEXT.about.replace('{ticket}', ticket));
  if (!answer.body.canRate && !answer.body.rating) {
    say(TEXT.notRatable);
    return;
  }
  const form = new RatingForm(TEXT.form, async (score, comment) => {
    const sent = await call(url, { method: 'POST', headers, body: JSON.stringify({ score, comment }) });
    return { ok: sent.ok, closed: sent.status === 409 && isProblem(sent.body, 'rating-closed') };
  });
  form.show(answer.body.rating);
  /** @type {HTMLElement} */ (document.getElementById('rating-slot')).appendChild(form.element);
  if (!answer.body.canRate) {
    form.close();
  }
}

start();
