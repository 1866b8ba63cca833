// The words of the Statistiche tab (reports, the operator's own figures) and of the assistant's
// blind spots, in Italian; spread into TEXT by it.js.
export const REPORTS = {
  reports: {
    tab: 'Statistiche',
    title: 'Statistiche',
    intro: 'Conversazioni, attese, SLA, soddisfazione, lingue e argomenti, per giorno del parco (ora di Roma).',
    mineIntro: 'Le tue cifre: chat gestite, tempo della prima risposta, soddisfazione e ticket risolti.',
    range: 'Periodo',
    presets: { today: 'Oggi', week: '7 giorni', month: '30 giorni', season: 'Stagione', custom: 'Personalizzato' },
    seasonHint: 'La stagione va dal 1° novembre a oggi.',
    from: 'Dal',
    to: 'Al',
    apply: 'Mostra',
    showTables: 'Mostra come tabelle',
    showCharts: 'Mostra i grafici',
    download: 'Scarica CSV',
    loading: 'Caricamento…',
    noData: 'Nessun dato in questo periodo.',
    period: 'Dal {from} al {to}',
    figures: {
      conversations: 'Conversazioni',
      assistantOnly: 'Solo assistente',
      escalated: 'Passate a un operatore',
      abandonedInQueue: 'Abbandonate in coda',
      convertedToTickets: 'Diventate ticket',
      csatAverage: 'Soddisfazione media',
      ticketsOpened: 'Ticket aperti',
      chats: 'Chat',
      firstResponseP50: 'Prima risposta (mediana)',
      csatResponses: 'Valutazioni',
      ticketsResolved: 'Ticket risolti'
    },
    charts: {
      perDay: 'Conversazioni al giorno per esito',
      times: 'Attesa in coda e prima risposta (mediana e 90° percentile)',
      sla: 'SLA rispettati per priorità (%)',
      csat: 'Valutazioni per numero di stelle',
      languages: 'Lingue delle conversazioni',
      topics: 'Argomenti più chiesti',
      unknown: 'Domande senza risposta per settimana (%)',
      mineChats: 'Le mie chat al giorno',
      mineFirstResponse: 'La mia prima risposta al giorno (mediana, secondi)'
    },
    chartLabel: 'Grafico: {title}. Gli stessi dati sono disponibili come tabella con il pulsante «Mostra come tabelle».',
    series: {
      queueP50: 'Attesa in coda, mediana',
      queueP90: 'Attesa in coda, 90° percentile',
      firstP50: 'Prima risposta, mediana',
      firstP90: 'Prima risposta, 90° percentile',
      firstResponseMet: 'Prima risposta nei tempi',
      resolutionMet: 'Risoluzione nei tempi',
      responses: 'Valutazioni',
      unknownPercent: 'Senza risposta',
      seconds: 'secondi'
    },
    columns: {
      day: 'Giorno', week: 'Settimana', priority: 'Priorità', stars: 'Stelle', language: 'Lingua', topic: 'Argomento',
      count: 'Numero', questions: 'Domande', unknown: 'Senza risposta', percent: '%', operator: 'Operatore'
    },
    stars: '{stars} ★',
    languages: { it: 'Italiano', en: 'Inglese' },
    operators: 'Operatori',
    operatorsEmpty: 'Nessun operatore ha lavorato in questo periodo.'
  },
  blindSpots: {
    title: 'Punti ciechi dell\'assistente',
    intro: 'Le domande a cui l\'assistente non ha saputo rispondere o che ha passato allo staff, raggruppate per parole chiave. ' +
      'Aggiungi l\'argomento nella base di conoscenza, poi segna il gruppo come risolto da quell\'argomento; o archivialo.',
    status: 'Mostra',
    statuses: { open: 'Da esaminare', answered: 'Risolti', dismissed: 'Archiviati' },
    keywords: 'Parole chiave',
    count: '{count} volte',
    seen: 'Prima volta {first} · ultima {last}',
    examples: 'Esempi',
    topic: 'Argomento che risponde',
    chooseTopic: 'Scegli un argomento…',
    answered: 'Segna come risolto',
    dismiss: 'Archivia',
    answeredBy: 'Risolto dall\'argomento «{topic}»',
    openKnowledge: 'Apri la base di conoscenza',
    openTopic: 'Apri «{topic}» nella base di conoscenza',
    markedAnswered: 'Gruppo segnato come risolto da «{topic}».',
    markedDismissed: 'Gruppo archiviato.',
    empty: 'Nessun gruppo.'
  }
};
