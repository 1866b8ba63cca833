// The words of attachments (photos and PDFs in chats and tickets), in English; spread into TEXT by en.js.
/** @type {typeof import('./it-attachments.js').ATTACHMENTS} */
export const ATTACHMENTS = {
  attachments: {
    attach: 'Attach',
    preview: 'Attachment: {name}',
    attachLabel: 'Attach a photo or a PDF',
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
