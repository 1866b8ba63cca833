// The words of attachments (photos and PDFs in chats and tickets), in Italian; spread into TEXT by it.js.
export const ATTACHMENTS = {
  attachments: {
    attach: '📎 Allega',
    attachLabel: 'Allega una foto o un PDF',
    empty: 'Il file {name} è vuoto: scegline un altro.',
    tooLarge: 'Il file {name} è troppo grande: si possono inviare file fino a 5 MB.',
    heic: 'Le foto HEIC non si possono inviare: salvala come JPEG e riprova.',
    type: 'Il file {name} non si può inviare: solo foto (JPEG, PNG, WebP) e PDF.',
    uploading: 'Invio di {name}…',
    failed: '{name} non inviato: {problem}',
    retry: 'Riprova',
    retryLabel: 'Riprova a inviare {name}',
    remove: 'Lascia perdere',
    removeLabel: 'Lascia perdere {name}',
    enlarge: 'Ingrandisci {name}',
    shrink: 'Rimpicciolisci {name}',
    download: 'Scarica {name} ({size})',
    unavailable: '{name}: il file non è disponibile.'
  }
};
