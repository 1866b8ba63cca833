// Why a file was not sent, by the problem's name (urn:lucine:problem:<name>), in Italian and
// English: written once for the widget (its i18n takes them), the dashboard (its problems take
// them) and the checks made before a file is sent (../client/attachments.js `fileRefusal`).

/** @typedef {typeof ATTACHMENT_PROBLEMS.it} AttachmentProblemTexts */

export const ATTACHMENT_PROBLEMS = {
  it: {
    'invalid-attachment': 'Il file è vuoto: scegline un altro.',
    'attachment-too-large': 'Il file è troppo grande: si possono inviare file fino a 5 MB.',
    'attachment-type-unsupported': 'Questo file non si può inviare: solo foto (JPEG, PNG, WebP) e PDF.',
    'attachment-heic': 'Le foto HEIC non si possono inviare: inviala come JPEG (su iPhone: Impostazioni > Fotocamera > Formati > Più compatibile).',
    'attachment-budget-exceeded': 'Sono già stati inviati troppi file in questa conversazione.',
    'too-many-attachments': 'Troppi file in poco tempo: riprova tra un minuto.',
    'attachment-not-now': 'Prima rispondi alle domande per la richiesta allo staff, poi potrai allegare un file.',
    'attachment-not-found': 'Il file non c\'è più.',
    'invalid-caption': 'La didascalia non si può inviare così: accorciala o togli i caratteri speciali.'
  },
  en: {
    'invalid-attachment': 'The file is empty: please choose another one.',
    'attachment-too-large': 'The file is too large: files up to 5 MB can be sent.',
    'attachment-type-unsupported': 'This file cannot be sent: only photos (JPEG, PNG, WebP) and PDFs.',
    'attachment-heic': 'HEIC photos cannot be sent: send it as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible).',
    'attachment-budget-exceeded': 'Too many files have already been sent in this conversation.',
    'too-many-attachments': 'Too many files in a short time: please try again in a minute.',
    'attachment-not-now': 'First answer the questions for your request to the staff, then you can attach a file.',
    'attachment-not-found': 'The file is no longer there.',
    'invalid-caption': 'The caption cannot be sent like this: shorten it or remove special characters.'
  }
};
