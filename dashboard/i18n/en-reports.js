// The words of the Reports tab (reports, the operator's own figures) and of the assistant's blind
// spots, in English; spread into TEXT by en.js.
/** @type {typeof import('./it-reports.js').REPORTS} */
export const REPORTS = {
  reports: {
    tab: 'Reports',
    title: 'Reports',
    intro: 'Conversations, waits, SLAs, satisfaction, languages and topics, by park day (Rome time).',
    mineIntro: 'Your figures: chats handled, time to first response, satisfaction and tickets resolved.',
    range: 'Period',
    presets: { today: 'Today', week: '7 days', month: '30 days', season: 'Season', custom: 'Custom' },
    seasonHint: 'The season runs from 1 November to today.',
    from: 'From',
    to: 'To',
    apply: 'Show',
    showTables: 'Show as tables',
    showCharts: 'Show the charts',
    download: 'Download CSV',
    loading: 'Loading…',
    noData: 'No data in this period.',
    period: 'From {from} to {to}',
    figures: {
      conversations: 'Conversations',
      assistantOnly: 'Assistant only',
      escalated: 'Handed to an operator',
      abandonedInQueue: 'Abandoned in the queue',
      convertedToTickets: 'Became tickets',
      csatAverage: 'Average satisfaction',
      ticketsOpened: 'Tickets opened',
      chats: 'Chats',
      firstResponseP50: 'First response (median)',
      csatResponses: 'Ratings',
      ticketsResolved: 'Tickets resolved'
    },
    charts: {
      perDay: 'Conversations per day by outcome',
      times: 'Queue wait and first response (median and 90th percentile)',
      sla: 'SLAs met by priority (%)',
      csat: 'Ratings by number of stars',
      languages: 'Languages of the conversations',
      topics: 'Most asked topics',
      unknown: 'Unanswered questions per week (%)',
      mineChats: 'My chats per day',
      mineFirstResponse: 'My first response per day (median, seconds)'
    },
    chartLabel: 'Chart: {title}. The same figures are available as a table with the "Show as tables" button.',
    series: {
      queueP50: 'Queue wait, median',
      queueP90: 'Queue wait, 90th percentile',
      firstP50: 'First response, median',
      firstP90: 'First response, 90th percentile',
      firstResponseMet: 'First response in time',
      resolutionMet: 'Resolution in time',
      responses: 'Ratings',
      unknownPercent: 'Unanswered',
      seconds: 'seconds'
    },
    columns: {
      day: 'Day', week: 'Week', priority: 'Priority', stars: 'Stars', language: 'Language', topic: 'Topic',
      count: 'Count', questions: 'Questions', unknown: 'Unanswered', percent: '%', operator: 'Operator'
    },
    stars: '{stars} ★',
    languages: { it: 'Italian', en: 'English' },
    operators: 'Operators',
    operatorsEmpty: 'No operator worked in this period.'
  },
  blindSpots: {
    title: 'The assistant\'s blind spots',
    intro: 'The questions the assistant could not answer or handed to the staff, grouped by keywords. ' +
      'Add the topic to the knowledge base, then mark the group as answered by that topic; or dismiss it.',
    status: 'Show',
    statuses: { open: 'To review', answered: 'Answered', dismissed: 'Dismissed' },
    keywords: 'Keywords',
    count: '{count} times',
    seen: 'First {first} · last {last}',
    examples: 'Examples',
    topic: 'Topic that answers it',
    chooseTopic: 'Choose a topic…',
    answered: 'Mark as answered',
    dismiss: 'Dismiss',
    answeredBy: 'Answered by the topic "{topic}"',
    openKnowledge: 'Open the knowledge base',
    openTopic: 'Open "{topic}" in the knowledge base',
    markedAnswered: 'Group marked as answered by "{topic}".',
    markedDismissed: 'Group dismissed.',
    empty: 'No groups.'
  }
};
