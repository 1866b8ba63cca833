// Lucine on Azure: one Function App (Linux, custom handler = the self-contained Lucine.Functions
// process), its storage account (Functions runtime + Table Storage), Application Insights and a
// Key Vault holding the secrets the app refuses to start without.
//
//   az deployment group create -g <resource-group> -f infra/main.bicep \
//     -p name=lucine sessionTokenKey=$(openssl rand -base64 32) operatorTokenKey=$(openssl rand -base64 32)

@description('Prefix of every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param name string

param location string = resourceGroup().location

@description('Premium keeps an instance warm, so visitors never wait for a cold start; Y1 is the cheaper consumption plan.')
@allowed(['EP1', 'EP2', 'EP3', 'Y1'])
param planSku string = 'EP1'

@description('Base64 of at least 32 random bytes: signs visitor session tokens.')
@secure()
param sessionTokenKey string

@secure()
@description('Base64 of at least 32 random bytes: signs operator tokens (HS256).')
param operatorTokenKey string

@secure()
@description('Twilio auth token (WhatsApp, SMS, webhook signatures); empty: WhatsApp and SMS go to the local sink.')
param twilioAuthToken string = ''

@description('Twilio account SID and sender numbers (E.164; WhatsApp sender as approved by Meta).')
param twilioAccountSid string = ''
param twilioWhatsAppFrom string = ''
param twilioSmsFrom string = ''

@secure()
@description('SendGrid API key; empty: email goes to the local sink.')
param sendGridApiKey string = ''
param sendGridFromEmail string = ''

@description('SendGrid Event Webhook verification key (base64, as SendGrid shows it).')
param sendGridEventWebhookPublicKey string = ''

@secure()
@description('OpenAI or Azure OpenAI key; empty: the assistant answers from the knowledge base alone.')
param aiApiKey string = ''

@description('OpenAI or AzureOpenAI.')
@allowed(['OpenAI', 'AzureOpenAI'])
param aiProvider string = 'OpenAI'

@description('Azure OpenAI: https://RESOURCE.openai.azure.com/openai/v1/ (empty for OpenAI).')
param aiEndpoint string = ''

@description('The model (OpenAI) or the deployment name (Azure OpenAI).')
param aiModel string = 'gpt-4o-mini'

@description('Supervisors who get an email when a ticket breaks its SLA.')
param slaAlertEmails array = []

@description('The page with the widget that ticket resume links open.')
param ticketResumeUrl string = 'https://lucinedinatale.it/'

@description('Origins of the sites that embed the chat widget.')
param widgetOrigins array = ['https://lucinedinatale.it', 'https://www.lucinedinatale.it']

var suffix = uniqueString(resourceGroup().id, name)
var isPremium = startsWith(planSku, 'EP')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${name}st${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource tokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-token-key'
  properties: { value: sessionTokenKey }
}

resource operatorTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'operator-token-key'
  properties: { value: operatorTokenKey }
}

resource twilioSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: 'twilio-auth-token'
  properties: { value: twilioAuthToken }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource aiSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aiApiKey)) {
  parent: vault
  name: 'ai-api-key'
  properties: { value: aiApiKey }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-connection'
  properties: { value: storageConnection }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: isPremium ? 'elastic' : 'functionapp'
  sku: isPremium ? { name: planSku, tier: 'ElasticPremium' } : { name: 'Y1', tier: 'Dynamic' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isPremium ? 10 : null
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // CORS is answered by Lucine itself (Widget:AllowedOrigins); the platform's must stay empty.
      cors: { allowedOrigins: [] }
      appSettings: concat([
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage', value: '@Microsoft.KeyVault(SecretUri=${storageSecret.properties.secretUri})' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'Security__SessionTokenKey', value: '@Microsoft.KeyVault(SecretUri=${tokenSecret.properties.secretUri})' }
        { name: 'Security__OperatorTokenKey', value: '@Microsoft.KeyVault(SecretUri=${operatorTokenSecret.properties.secretUri})' }
      ], isPremium ? [
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: storageConnection }
        { name: 'WEBSITE_CONTENTSHARE', value: toLower('${name}-${suffix}') }
      ] : [], empty(twilioAuthToken) ? [] : [
        { name: 'Twilio__AccountSid', value: twilioAccountSid }
        { name: 'Twilio__AuthToken', value: '@Microsoft.KeyVault(SecretUri=${twilioSecret.properties.secretUri})' }
        { name: 'Twilio__WhatsAppFrom', value: twilioWhatsAppFrom }
        { name: 'Twilio__SmsFrom', value: twilioSmsFrom }
      ], empty(sendGridApiKey) ? [] : [
        { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})' }
        { name: 'SendGrid__FromEmail', value: sendGridFromEmail }
        { name: 'SendGrid__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
      ], empty(aiApiKey) ? [] : concat([
        { name: 'Ai__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${aiSecret.properties.secretUri})' }
        { name: 'Ai__Provider', value: aiProvider }
        { name: 'Ai__Model', value: aiModel }
      ], empty(aiEndpoint) ? [] : [
        { name: 'Ai__Endpoint', value: aiEndpoint }
      ]), [
        { name: 'Notifications__PublicBaseUrl', value: 'https://${name}-${suffix}.azurewebsites.net' }
        { name: 'Tickets__ResumeUrl', value: ticketResumeUrl }
      ], [for (email, i) in slaAlertEmails: { name: 'Tickets__AlertEmails__${i}', value: email }],
      [for (origin, i) in widgetOrigins: { name: 'Widget__AllowedOrigins__${i}', value: origin }])
    }
  }
}

// The app reads its secrets through Key Vault references with its own identity.
resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, 'Key Vault Secrets User')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output appName string = app.name
output url string = 'https://${app.properties.defaultHostName}'
