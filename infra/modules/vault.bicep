// The Key Vault (RBAC authorization) with every secret Lucine needs, read by the app through Key Vault
// references with its managed identity. A secret's name is its app setting's with "--" for "__"
// (Security__SessionTokenKey -> Security--SessionTokenKey), so main.bicep can name the references.

param name string
param location string

@description('The app\'s managed identity, which reads the secrets.')
param readerPrincipalId string

@description('The Azure SignalR Service whose connection string (endpoint and access key) is kept here.')
param signalRName string

@description('The app settings whose secrets to keep, the ones main.bicep turned on.')
param secretSettings array

@secure()
@description('App setting name -> secret value (at least those in secretSettings).')
param secretValues object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' existing = {
  name: signalRName
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for setting in secretSettings: {
  parent: vault
  name: replace(setting, '__', '--')
  properties: { value: secretValues[setting] }
}]

resource signalRConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'SignalR--ConnectionString'
  properties: { value: signalR.listKeys().primaryConnectionString }
}

// Key Vault Secrets User (built-in role 4633458b-17de-408a-b874-0445c86b69e6): read secret values.
resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}
