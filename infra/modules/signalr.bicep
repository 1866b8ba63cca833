// Azure SignalR Service in Serverless mode: browsers connect to it (the app's negotiate endpoint hands
// them its URL and a token), the app sends through its REST API, and it calls the app back (upstream)
// when a connection opens or closes. Upstream calls carry no credential of ours: the service signs each
// one (X-ASRS-Signature, an HMAC with the access key), which the app checks.

param name string
param location string

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1'])
param sku string
param units int

@description('The app\'s host name (APP.azurewebsites.net), where the service sends upstream events.')
param appHostName string

@description('Origins whose pages open connections: the sites that embed the widget and the app itself (the dashboard).')
param allowedOrigins array

@description('The app\'s managed identity.')
param appPrincipalId string

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  kind: 'SignalR'
  sku: { name: sku, capacity: units }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'True' }
    ]
    cors: { allowedOrigins: allowedOrigins }
    upstream: {
      templates: [
        {
          urlTemplate: 'https://${appHostName}/api/realtime/upstream/{hub}/{category}/{event}'
          hubPattern: 'lucine'
          eventPattern: 'connected,disconnected'
          categoryPattern: 'connections'
        }
      ]
    }
    // The app signs client tokens and REST calls with the access key (its connection string).
    disableLocalAuth: false
  }
}

// SignalR App Server (built-in role 420fcaa2-552c-430f-98ca-3264be4806c7): lets the app reach the
// service with its identity instead of the key, once the app side uses it.
resource appServer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, appPrincipalId, '420fcaa2-552c-430f-98ca-3264be4806c7')
  scope: signalR
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '420fcaa2-552c-430f-98ca-3264be4806c7')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = signalR.name
