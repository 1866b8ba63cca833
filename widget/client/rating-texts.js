// The words of "How did we do?" (rating-form.js), shared by the widget (its i18n takes them) and the
// rating page, in Italian and English.

/** @typedef {import('./rating-form.js').RatingTexts} RatingTexts */

/** @type {{ it: RatingTexts, en: RatingTexts }} */
export const RATING_TEXTS = {
  it: {
    title: 'Com\'è andata?',
    scale: 'Il tuo voto, da 1 a 5 stelle',
    star: '1 stella su 5',
    stars: '{n} stelle su 5',
    comment: 'Un commento (facoltativo)',
    send: 'Invia il voto',
    thanks: 'Grazie per il tuo voto! Puoi cambiarlo entro 24 ore.',
    chooseFirst: 'Scegli prima quante stelle.',
    closed: 'Sono passate più di 24 ore: il voto non si può più dare né cambiare.',
    failed: 'Non riesco a inviare il voto. Riprova tra poco.'
  },
  en: {
    title: 'How did we do?',
    scale: 'Your rating, 1 to 5 stars',
    star: '1 star out of 5',
    stars: '{n} stars out of 5',
    comment: 'A comment (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your rating! You can change it within 24 hours.',
    chooseFirst: 'Choose the stars first.',
    closed: 'More than 24 hours have passed: the rating can no longer be given or changed.',
    failed: 'The rating could not be sent. Please try again shortly.'
  }
};
