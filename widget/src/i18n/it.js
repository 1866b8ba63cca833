import { ATTACHMENT_PROBLEMS } from '../../client/attachment-problems.js';
import { RATING_TEXTS } from '../../client/rating-texts.js';

/** What the widget says in Italian; `{name}` marks a value filled in when shown. */
const it = {
  open: 'Apri la chat con Lucy',
  close: 'Chiudi la chat',
  title: 'Lucy · Lucine di Natale',
  intro: 'Ciao! Chiedimi di biglietti, orari, parcheggi o di qualsiasi cosa sulla visita.',
  privacy: 'Come trattiamo i tuoi dati (informativa privacy)',
  placeholder: 'Scrivi la tua domanda…',
  askName: 'Scrivi il tuo nome e cognome…',
  askContact: 'Scrivi la tua email o il tuo numero di telefono…',
  askChannel: 'Scegli WhatsApp o SMS con i pulsanti qui sopra…',
  askRequest: 'Scrivi di cosa hai bisogno…',
  messages: 'Messaggi della chat',
  send: 'Invia',
  attach: 'Allega una foto o un PDF',
  attachFirst: 'Scrivi prima la tua domanda: poi potrai allegare una foto o un PDF.',
  uploading: 'Invio in corso…',
  uploadFailed: 'Non inviato. Riprova tra poco.',
  retry: 'Riprova',
  retryLabel: 'Riprova a inviare {name}',
  remove: 'Rimuovi',
  removeLabel: 'Rimuovi {name}',
  enlarge: 'Ingrandisci {name}',
  shrink: 'Rimpicciolisci {name}',
  download: 'Scarica {name} ({size})',
  unavailable: '{name}: il file non è disponibile in questo momento.',
  typing: 'Lucy sta scrivendo…',
  operatorTyping: 'L\'operatore sta scrivendo…',
  offline: 'Connessione assente: riprova tra poco. Il messaggio non è stato inviato.',
  failed: 'Non riesco a inviare il messaggio. Riprova tra poco.',
  newSession: 'La conversazione precedente non è più disponibile: ne ho iniziata una nuova.',
  actionGone: 'Questo pulsante non è più valido: ecco la conversazione aggiornata.',
  queued: 'Sei n° {position} in coda · attesa ~{minutes} min',
  queuedUnknown: 'In coda per parlare con un operatore…',
  withOperator: 'In chat con {name}',
  withOperatorUnknown: 'In chat con un operatore',
  waitingClient: '{name} ti aspetta: scrivi pure',
  waitingClientUnknown: 'L\'operatore ti aspetta: scrivi pure',
  closing: 'È tutto risolto? Rispondi con i pulsanti qui sotto',
  collectingContact: 'Raccolta contatti per la richiesta allo staff',
  ended: 'Chat conclusa · scrivi per iniziarne una nuova',
  resumeExpired: 'Il link per riprendere la conversazione è scaduto. Scrivi pure qui: ti aiutiamo volentieri.',
  resumeInvalid: 'Il link per riprendere la conversazione non è valido. Scrivi pure qui: ti aiutiamo volentieri.',
  resumeFailed: 'Non riesco a riprendere la conversazione in questo momento. Riprova tra poco dal link ricevuto.',
  rating: RATING_TEXTS.it,
  problems: ATTACHMENT_PROBLEMS.it
};

/** @typedef {typeof it} Texts */

export default it;
