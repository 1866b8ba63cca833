// The words of attachments (photos and PDFs in chats and tickets), in Italian; spread into TEXT by it.js.
export const ATTACHMENTS = {
  attachments: {
    attach: 'Allega',
    preview: 'Allegato: {name}',
    attachLabel: 'Allega una foto o un PDF',
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
