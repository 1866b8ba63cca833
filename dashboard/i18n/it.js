// What the console calls things, in Italian: the server's names (statuses, roles, kinds) as
// operators read them. Sentences are written where they are used.
export const TEXT = {
  roles: { operator: 'Operatore', supervisor: 'Supervisore', admin: 'Amministratore' },
  availability: { online: 'Online', away: 'Assente', offline: 'Offline' },
  status: {
    bot: 'Con l\'assistente',
    confirming_escalation: 'Conferma richiesta',
    queued: 'In coda',
    with_operator: 'Con operatore',
    waiting_client: 'Attesa visitatore',
    collecting_contact: 'Raccolta contatti',
    closing: 'Chiusura richiesta',
    ended: 'Chiusa'
  },
  outcome: {
    resolved: 'risolta',
    not_resolved: 'non risolta',
    abandoned: 'abbandonata',
    cancelled: 'annullata',
    converted_to_ticket: 'convertita in ticket'
  },
  priority: { normal: 'Normale', high: 'Alta' },
  sender: { visitor: 'Visitatore', bot: 'Assistente', operator: 'Operatore', system: 'Sistema' },
  alerts: { first_response_due: 'Primo riscontro in scadenza: rispondi al visitatore.' },
  realtime: {
    connected: 'Tempo reale: connesso',
    connecting: 'Tempo reale: connessione…',
    reconnecting: 'Tempo reale: riconnessione…',
    off: 'Aggiornamento ogni 5 s'
  },
  sessionExpired: 'La sessione è scaduta: accedi di nuovo.',
  noServer: 'Lucine non risponde: riprova tra poco.',
  internalNote: 'Nota interna',
  notForVisitor: 'non visibile al visitatore',
  ticketStatus: {
    open: 'Aperto',
    in_progress: 'In lavorazione',
    waiting_customer: 'In attesa del cliente',
    resolved: 'Risolto',
    closed: 'Chiuso'
  },
  ticketPriority: { low: 'Bassa', medium: 'Media', high: 'Alta', urgent: 'Urgente' },
  sla: { active: 'Nei tempi', warning: 'In scadenza', breached: 'Scaduto', met: 'Rispettato' },
  channel: { email: 'Email', whats_app: 'WhatsApp', sms: 'SMS' },
  source: { chat: 'Chat con l\'assistente', operator: 'Aperto da un operatore', api: 'Modulo web' },
  entryKind: {
    internal_note: 'Nota interna',
    public_note: 'Nota pubblica',
    reply: 'Risposta al cliente',
    customer_message: 'Messaggio del cliente',
    event: 'Evento'
  },
  ticketAlerts: {
    sla_warning: 'SLA in scadenza',
    sla_breached: 'SLA scaduto',
    customer_wrote: 'il cliente ha scritto',
    contact_undeliverable: 'il contatto non riceve i messaggi',
    ticket_assigned: 'assegnato a te'
  },
  notForCustomer: 'non visibile al cliente',
  notices: {
    assigned: 'Chat assegnata a te',
    queued: 'Nuova chat in coda',
    firstResponse: 'Primo riscontro in scadenza',
    ticketAlert: 'Avviso sul ticket',
    visitor: 'Visitatore',
    noWords: 'Nessun messaggio del visitatore.'
  },
  preferences: {
    open: 'Preferenze',
    title: 'Avvisi',
    intro: 'Notifiche del browser e suono quando la console non è in primo piano. Le scelte restano salvate per il tuo utente.',
    notifyAssigned: 'Una chat assegnata a me',
    notifyQueue: 'Una chat entra in coda (se sono online)',
    notifyFirstResponse: 'Primo riscontro in scadenza',
    notifyTicketAlerts: 'Avvisi sui ticket',
    sound: 'Suono',
    allow: 'Consenti le notifiche del browser',
    permission: {
      default: 'Notifiche del browser non ancora consentite.',
      granted: 'Notifiche del browser consentite.',
      denied: 'Notifiche bloccate dal browser: riattivale nelle impostazioni del sito.',
      unsupported: 'Questo browser non mostra notifiche.'
    },
    saved: 'Preferenze salvate.',
    close: 'Chiudi'
  },
  ticketEvent: { sla: { first_response: 'prima risposta', resolution: 'risoluzione' } },
  desk: {
    unread: 'messaggi non letti',
    transferred: 'Chat trasferita a {to}: non è più tua.',
    ticketReply: 'Risposta al cliente{channel}… (Invio per inviare, Maiusc+Invio per andare a capo)',
    ticketPublicNote: 'Nota visibile al cliente, che la riceve… (Invio per inviare)',
    ticketInternalNote: 'Nota per i colleghi: il cliente non la vede. (Invio per salvare)',
    sentVia: ', inviata via '
  },
  replies: {
    tab: 'Risposte rapide',
    title: 'Risposte rapide',
    intro: 'Risposte pronte che gli operatori inseriscono scrivendo / e la scorciatoia nella risposta a una chat o a un ticket, nella lingua del visitatore. ' +
      'Segnaposto: {visitor_name} (nome del visitatore, tolto se non si conosce), {operator_name} (nome dell\'operatore), {ticket_number} (numero del ticket).',
    create: 'Nuova risposta',
    edit: 'Modifica /',
    fieldTitle: 'Titolo',
    fieldShortcut: 'Scorciatoia (senza /)',
    fieldIt: 'Testo in italiano',
    fieldEn: 'Testo in inglese',
    save: 'Salva risposta',
    cancel: 'Annulla modifica',
    editButton: 'Modifica',
    remove: 'Elimina',
    confirmRemove: 'Conferma eliminazione',
    listLabel: 'Risposte rapide salvate',
    empty: 'Nessuna risposta rapida: creane una con il modulo qui sopra.',
    italian: 'IT',
    english: 'EN',
    updated: 'aggiornata da ',
    saved: 'Risposta salvata: /',
    removed: 'Risposta eliminata: /',
    changed: 'Qualcuno ha modificato questa risposta nel frattempo: ricaricata la versione attuale, rifai la modifica.',
    pickerLabel: 'Risposte rapide',
    pickerHint: 'Risposte rapide: frecce per scegliere, Invio o Tab per inserire, Esc per chiudere.'
  },
  team: {
    connected: 'connesso',
    notConnected: 'non connesso',
    deactivated: 'disattivato',
    mustChangePassword: 'deve scegliere la password',
    edit: 'Modifica',
    resetPassword: 'Password temporanea',
    signOut: 'Disconnetti ovunque',
    deactivate: 'Disattiva',
    reactivate: 'Riattiva',
    confirmDeactivate: 'Disattivare {name}? Non potrà più accedere, le sue sessioni si chiudono e le sue chat tornano in coda.',
    confirmSignOut: 'Disconnettere {name} da tutti i dispositivi?',
    deactivatedToast: '{name} è disattivato.',
    reactivated: '{name} può di nuovo accedere.',
    signedOut: '{name} è stato disconnesso ovunque.',
    formTitle: { create: 'Nuovo operatore', edit: 'Modifica {name}', password: 'Password temporanea per {name}' },
    saved: { create: 'Operatore creato.', edit: 'Modifiche salvate.', password: 'Password temporanea impostata: al prossimo accesso dovrà sceglierne una sua.' }
  },
  account: {
    title: 'Il mio account',
    forcedTitle: 'Scegli la tua password',
    forcedIntro: 'Un amministratore ha reimpostato la tua password: scegline una tua per continuare.',
    mismatch: 'Le due nuove password non coincidono.',
    nameSaved: 'Nome salvato.',
    passwordSaved: 'Password cambiata: le altre sessioni sono state chiuse.'
  }
};
