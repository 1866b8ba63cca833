// The rating page's own words; the form's are shared with the widget (../client/rating-texts.js).
import { RATING_TEXTS } from '../client/rating-texts.js';

export const PAGE_TEXTS = {
  it: {
    title: 'Lucine di Natale · Com\'è andata?',
    about: 'La tua richiesta {ticket} è stata risolta.',
    invalidLink: 'Il link non è valido: usa quello ricevuto nel messaggio di risoluzione.',
    notRatable: 'Questa richiesta non si può valutare (non è risolta, o sono passate più di 24 ore).',
    failed: 'Non riesco a caricare la pagina. Riprova tra poco.',
    form: RATING_TEXTS.it
  },
  en: {
    title: 'Lucine di Natale · How did we do?',
    about: 'Your request {ticket} has been resolved.',
    invalidLink: 'This link is not valid: use the one in the message that told you the request was resolved.',
    notRatable: 'This request cannot be rated (it is not resolved, or more than 24 hours have passed).',
    failed: 'The page could not be loaded. Please try again shortly.',
    form: RATING_TEXTS.en
  }
};
