import { ATTACHMENT_PROBLEMS } from '../../client/attachment-problems.js';
import { RATING_TEXTS } from '../../client/rating-texts.js';

/** What the widget says in English; the keys are those of it.js. */
/** @type {import('./it.js').Texts} */
const en = {
  open: 'Open the chat with Lucy',
  close: 'Close the chat',
  title: 'Lucy · Lucine di Natale',
  intro: 'Hi! Ask me about tickets, opening hours, parking or anything about your visit.',
  privacy: 'How we handle your data (privacy notice)',
  placeholder: 'Type your question…',
  askName: 'Type your first and last name…',
  askContact: 'Type your email or phone number…',
  askChannel: 'Choose WhatsApp or SMS with the buttons above…',
  askRequest: 'Write what you need…',
  messages: 'Chat messages',
  send: 'Send',
  attach: 'Attach a photo or a PDF',
  attachFirst: 'Write your question first: then you can attach a photo or a PDF.',
  uploading: 'Sending…',
  uploadFailed: 'Not sent. Please try again shortly.',
  retry: 'Try again',
  retryLabel: 'Try sending {name} again',
  remove: 'Remove',
  removeLabel: 'Remove {name}',
  enlarge: 'Enlarge {name}',
  shrink: 'Shrink {name}',
  download: 'Download {name} ({size})',
  unavailable: '{name}: the file is not available right now.',
  typing: 'Lucy is typing…',
  operatorTyping: 'The operator is typing…',
  offline: 'No connection: please try again shortly. The message was not sent.',
  failed: 'I can\'t send the message right now. Please try again shortly.',
  newSession: 'The previous conversation is no longer available, so I started a new one.',
  actionGone: 'That button no longer applies: here is the conversation as it stands.',
  queued: 'You are number {position} in the queue · wait ~{minutes} min',
  queuedUnknown: 'Waiting in the queue for an operator…',
  withOperator: 'Chatting with {name}',
  withOperatorUnknown: 'Chatting with an operator',
  waitingClient: '{name} is waiting for you: just write',
  waitingClientUnknown: 'The operator is waiting for you: just write',
  closing: 'Is everything solved? Answer with the buttons below',
  collectingContact: 'Contact details for your request to the staff',
  ended: 'Chat ended · write to start a new one',
  resumeExpired: 'The link to resume the conversation has expired. Just write here: we are happy to help.',
  resumeInvalid: 'The link to resume the conversation is not valid. Just write here: we are happy to help.',
  resumeFailed: 'I can\'t resume the conversation right now. Please try the link you received again shortly.',
  rating: RATING_TEXTS.en,
  problems: ATTACHMENT_PROBLEMS.en
};

export default en;
