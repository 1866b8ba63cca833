// The words of attachments (photos and PDFs in chats and tickets), in English; spread into TEXT by en.js.
/** @type {typeof import('./it-attachments.js').ATTACHMENTS} */
export const ATTACHMENTS = {
  attachments: {
    attach: '📎 Attach',
    attachLabel: 'Attach a photo or a PDF',
    empty: 'The file {name} is empty: choose another one.',
    tooLarge: 'The file {name} is too large: files up to 5 MB can be sent.',
    heic: 'HEIC photos cannot be sent: save it as JPEG and try again.',
    type: 'The file {name} cannot be sent: only photos (JPEG, PNG, WebP) and PDFs.',
    uploading: 'Sending {name}…',
    failed: '{name} not sent: {problem}',
    retry: 'Try again',
    retryLabel: 'Try sending {name} again',
    remove: 'Drop it',
    removeLabel: 'Drop {name}',
    enlarge: 'Enlarge {name}',
    shrink: 'Shrink {name}',
    download: 'Download {name} ({size})',
    unavailable: '{name}: the file is not available.'
  }
};
