// An example for one environment. Secrets are never written here: they are read from the environment
// of whoever deploys (see README.md), e.g.
//   export LUCINE_SESSION_TOKEN_KEY="$(openssl rand -base64 32)" LUCINE_OPERATOR_TOKEN_KEY="$(openssl rand -base64 32)"
// Keep those two: new keys sign out every operator and end every visitor's session token.
using 'main.bicep'

param name = 'lucine'
param location = 'westeurope'

param sessionTokenKey = readEnvironmentVariable('LUCINE_SESSION_TOKEN_KEY')
param operatorTokenKey = readEnvironmentVariable('LUCINE_OPERATOR_TOKEN_KEY')

// First deployment only: the first admin. Leave LUCINE_ADMIN_PASSWORD unset and the username empty afterwards.
param bootstrapAdminUsername = 'admin'
param bootstrapAdminDisplayName = 'Amministratore'
param bootstrapAdminPassword = readEnvironmentVariable('LUCINE_ADMIN_PASSWORD', '')

// This edition of the park.
param seasonStart = '2026-12-05'
param seasonEnd = '2027-01-06'
param seasonClosedDays = ['2026-12-24', '2026-12-31']
param seasonOpens = '17:30'
param seasonCloses = '23:00'
param seasonLastEntry = '22:30'

param widgetOrigins = ['https://lucinedinatale.it', 'https://www.lucinedinatale.it']
param ticketResumeUrl = 'https://lucinedinatale.it/'
param slaAlertEmails = ['assistenza@lucinedinatale.it']
param operationsAlertEmails = ['it@lucinedinatale.it']

// WhatsApp and SMS through Twilio.
param twilioAccountSid = 'AC00000000000000000000000000000000'
param twilioAuthToken = readEnvironmentVariable('LUCINE_TWILIO_AUTH_TOKEN', '')
param twilioWhatsAppFrom = 'whatsapp:+390000000000'
param twilioSmsFrom = '+390000000000'
param twilioWhatsAppTemplateSid = ''

// Email through SendGrid.
param sendGridFromEmail = 'assistenza@lucinedinatale.it'
param sendGridFromName = 'Lucine di Natale'
param sendGridApiKey = readEnvironmentVariable('LUCINE_SENDGRID_API_KEY', '')
param sendGridEventWebhookPublicKey = ''

// The language model: an Azure OpenAI deployment, called with the app's identity.
param aiEndpoint = 'https://lucine-openai.openai.azure.com/openai/v1/'
param aiModel = 'gpt-4o-mini'
param openAiAccountName = 'lucine-openai'
param openAiResourceGroup = 'lucine-ai'
