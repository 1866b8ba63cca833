// Lucine on Azure: a Function App on the Flex Consumption plan running Lucine as a custom handler,
// its storage account (Lucine's tables, the host's blobs, the deployment packages), Azure SignalR
// Service (Serverless), a Key Vault with every secret, Log Analytics and Application Insights. The
// app reaches storage, Key Vault, SignalR and Azure OpenAI with its system-assigned managed identity:
// no account key is in any app setting. See README.md beside this file.
//
//   az deployment group create -g <resource-group> -f infra/main.bicep -p infra/main.bicepparam

@description('Prefix of every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param name string

param location string = resourceGroup().location

// Scale -----------------------------------------------------------------------------------------

@description('Instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('HTTP requests one instance handles at once. Lucine waits on storage and the model, not on its CPU, and requests of one chat that meet in one process queue on its in-process lock instead of conflicting in storage: a high value means fewer, busier instances.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 50

@description('Instances kept warm for the HTTP functions (billed while idle): 0 lets the app scale to zero, and the first visitor after a quiet spell waits for a cold start.')
@minValue(0)
@maxValue(20)
param httpAlwaysReady int = 1

@allowed(['Standard_LRS', 'Standard_ZRS'])
param storageSku string = 'Standard_ZRS'

@description('Free_F1 allows 20 connections and has no SLA: for trials only.')
@allowed(['Free_F1', 'Standard_S1', 'Premium_P1'])
param signalRSku string = 'Standard_S1'

@description('SignalR units (1,000 concurrent connections each on Standard).')
@minValue(1)
@maxValue(100)
param signalRUnits int = 1

// Operations ------------------------------------------------------------------------------------

@description('Who is emailed when requests or timer invocations fail; empty: no alert.')
param operationsAlertEmails array = []

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('The schedule of each timer function (NCRONTAB with seconds, UTC), read by the Functions host and checked by the app at start.')
param timerSchedules object = {
  SweepDeadlines: '*/5 * * * * *'
  RouteQueue: '*/30 * * * * *'
  SweepTickets: '*/30 * * * * *'
  SendNotifications: '*/15 * * * * *'
  SweepPresence: '*/15 * * * * *'
  PruneAudit: '0 17 3 * * *'
  ApplyRetention: '0 17 * * * *'
}

// Secrets (to Key Vault) -------------------------------------------------------------------------

@description('Base64 of 32 random bytes (openssl rand -base64 32): signs visitor session tokens.')
@secure()
@minLength(44)
param sessionTokenKey string

@description('Base64 of 32 random bytes (openssl rand -base64 32): signs operator tokens (HS256).')
@secure()
@minLength(44)
param operatorTokenKey string

// The first admin ---------------------------------------------------------------------------------

@description('The first admin, created at start when no operator has this name. Give it, with its password, on the first deployment only; empty: no bootstrap settings.')
param bootstrapAdminUsername string = ''

param bootstrapAdminDisplayName string = 'Amministratore'

@description('The first admin\'s password (at least 12 characters), needed with bootstrapAdminUsername.')
@secure()
param bootstrapAdminPassword string = ''

// Customer messages -------------------------------------------------------------------------------

@description('Twilio account SID (AC...); empty: WhatsApp and SMS go to the local sink (the dashboard shows them).')
param twilioAccountSid string = ''

@description('Twilio auth token, needed with twilioAccountSid: signs requests to Twilio and Twilio\'s webhooks.')
@secure()
param twilioAuthToken string = ''

@description('WhatsApp sender as approved by Meta (whatsapp:+E.164).')
param twilioWhatsAppFrom string = ''

@description('SMS sender number (+E.164).')
param twilioSmsFrom string = ''

@description('Twilio Content template (HX...) for WhatsApp messages outside the customer\'s 24-hour window.')
param twilioWhatsAppTemplateSid string = ''

@description('The sender address of customer emails; empty: email goes to the local sink.')
param sendGridFromEmail string = ''

param sendGridFromName string = 'Lucine di Natale'

@description('SendGrid API key, needed with sendGridFromEmail.')
@secure()
param sendGridApiKey string = ''

@description('SendGrid Signed Event Webhook verification key (base64, as SendGrid shows it); empty: the event webhook refuses every request.')
param sendGridEventWebhookPublicKey string = ''

// The language model ------------------------------------------------------------------------------

@description('Azure OpenAI v1 endpoint (https://RESOURCE.openai.azure.com/openai/v1/); empty: the assistant answers from the knowledge base alone.')
param aiEndpoint string = ''

@description('The Azure OpenAI deployment\'s name.')
param aiModel string = 'gpt-4o-mini'

@description('The Azure OpenAI account the app may call with its identity (Cognitive Services OpenAI User); empty: no role is given.')
param openAiAccountName string = ''

param openAiResourceGroup string = resourceGroup().name

// The park ----------------------------------------------------------------------------------------

@description('First and last day of this edition (yyyy-MM-dd): set for each edition.')
param seasonStart string
param seasonEnd string

@description('Days of the season the park is closed (yyyy-MM-dd).')
param seasonClosedDays array = []

param seasonOpens string = '17:30'
param seasonCloses string = '23:00'
param seasonLastEntry string = '22:30'
param seasonTimeZone string = 'Europe/Rome'

@description('The page with the widget that ticket resume links open.')
param ticketResumeUrl string = 'https://lucinedinatale.it/'

@description('Supervisors emailed when a ticket breaks its SLA.')
param slaAlertEmails array = []

@description('Origins of the sites that embed the chat widget.')
param widgetOrigins array = ['https://lucinedinatale.it', 'https://www.lucinedinatale.it']

// -------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, name)
var appName = '${name}-${suffix}'
var storageName = take('${name}${suffix}', 24)
var vaultName = take('${name}-kv-${suffix}', 24)
var deploymentContainer = 'app-package'

var twilioOn = !empty(twilioAccountSid)
var sendGridOn = !empty(sendGridFromEmail)
var bootstrapOn = !empty(bootstrapAdminUsername)

// The settings whose values are secrets: in Key Vault, and in app settings as references to it.
var secretValues = {
  Security__SessionTokenKey: sessionTokenKey
  Security__OperatorTokenKey: operatorTokenKey
  Twilio__AuthToken: twilioAuthToken
  SendGrid__ApiKey: sendGridApiKey
  Operators__Bootstrap__Password: bootstrapAdminPassword
}
var secretSettings = concat(
  ['Security__SessionTokenKey', 'Security__OperatorTokenKey'],
  twilioOn ? ['Twilio__AuthToken'] : [],
  sendGridOn ? ['SendGrid__ApiKey'] : [],
  bootstrapOn ? ['Operators__Bootstrap__Password'] : []
)

@description('A Key Vault reference to the secret that holds an app setting (see modules/vault.bicep for the names).')
func keyVaultReference(vault string, setting string) string =>
  '@Microsoft.KeyVault(SecretUri=https://${vault}${environment().suffixes.keyvaultDns}/secrets/${replace(setting, '__', '--')}/)'

@description('An array as configuration sees one: Section__0, Section__1...')
func indexed(section string, values array) object => toObject(range(0, length(values)), i => '${section}__${i}', i => values[i])

@description('The settings that have a value: an empty setting would override the app\'s default with nothing.')
func given(settings object) object => toObject(filter(items(settings), s => !empty(s.value)), s => s.key, s => s.value)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${name}-${suffix}'
    location: location
    alertEmails: operationsAlertEmails
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    sku: storageSku
    deploymentContainer: deploymentContainer
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: appName
    location: location
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainer}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    httpAlwaysReady: httpAlwaysReady
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  params: {
    name: '${name}-signalr-${suffix}'
    location: location
    sku: signalRSku
    units: signalRUnits
    appHostName: functionApp.outputs.defaultHostName
    allowedOrigins: concat(widgetOrigins, ['https://${functionApp.outputs.defaultHostName}'])
    appPrincipalId: functionApp.outputs.principalId
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    name: vaultName
    location: location
    readerPrincipalId: functionApp.outputs.principalId
    signalRName: signalR.outputs.name
    secretSettings: secretSettings
    secretValues: secretValues
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: functionApp.outputs.principalId
    storageName: storage.outputs.name
    insightsName: monitoring.outputs.insightsName
  }
}

module openAiAccess 'modules/openai-access.bicep' = if (!empty(openAiAccountName)) {
  name: 'openai-access'
  scope: resourceGroup(openAiResourceGroup)
  params: {
    accountName: openAiAccountName
    principalId: functionApp.outputs.principalId
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

// Every setting the app and the host read on Azure. Flex Consumption takes the runtime from
// functionAppConfig: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and
// the content share settings are not allowed here. Written after the roles and secrets exist, so that
// the Key Vault references resolve when the app first starts.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(
    {
      // The host's own storage (timer schedules, keys), reached with the app's identity.
      AzureWebJobsStorage__accountName: storageName
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      ASPNETCORE_ENVIRONMENT: 'Production'
      AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
      // Lucine's tables and the attachments' blobs, reached with the app's identity (DefaultAzureCredential).
      Storage__TableEndpoint: 'https://${storageName}.table.${environment().suffixes.storage}/'
      Storage__BlobEndpoint: 'https://${storageName}.blob.${environment().suffixes.storage}/'
      // Requests reach the app from the Functions host on the same machine, which passes on the
      // front end's X-Forwarded-For: the client's address for the login limits.
      Security__TrustedProxies__0: '127.0.0.1'
      Notifications__PublicBaseUrl: 'https://${functionApp.outputs.defaultHostName}'
      Tickets__ResumeUrl: ticketResumeUrl
      Season__Start: seasonStart
      Season__End: seasonEnd
      Season__Opens: seasonOpens
      Season__Closes: seasonCloses
      Season__LastEntry: seasonLastEntry
      Season__TimeZone: seasonTimeZone
    },
    indexed('Season__ClosedDays', seasonClosedDays),
    indexed('Widget__AllowedOrigins', widgetOrigins),
    indexed('Tickets__AlertEmails', slaAlertEmails),
    toObject(items(timerSchedules), timer => 'Timers__${timer.key}', timer => timer.value),
    // No key: with AzureOpenAI and no Ai__ApiKey the app signs in with its identity.
    empty(aiEndpoint) ? {} : { Ai__Provider: 'AzureOpenAI', Ai__Endpoint: aiEndpoint, Ai__Model: aiModel },
    twilioOn
      ? given({
          Twilio__AccountSid: twilioAccountSid
          Twilio__WhatsAppFrom: twilioWhatsAppFrom
          Twilio__SmsFrom: twilioSmsFrom
          Twilio__WhatsAppTemplate__ContentSid: twilioWhatsAppTemplateSid
        })
      : {},
    sendGridOn
      ? given({
          SendGrid__FromEmail: sendGridFromEmail
          SendGrid__FromName: sendGridFromName
          SendGrid__EventWebhookPublicKey: sendGridEventWebhookPublicKey
        })
      : {},
    bootstrapOn ? { Operators__Bootstrap__Username: bootstrapAdminUsername, Operators__Bootstrap__DisplayName: bootstrapAdminDisplayName } : {},
    toObject(concat(secretSettings, ['SignalR__ConnectionString']), setting => setting, setting => keyVaultReference(vaultName, setting))
  )
  dependsOn: [
    vault
    access
  ]
}

output appName string = appName
output url string = 'https://${functionApp.outputs.defaultHostName}'
output keyVaultName string = vaultName
output storageAccountName string = storageName
output signalRName string = signalR.outputs.name
output applicationInsightsName string = monitoring.outputs.insightsName
