// One storage account for everything: Lucine's tables, the attachments' blobs, the Functions host's
// own blobs (timer schedules, keys) and the deployment packages. Nothing reaches it with a key: shared-key access is
// off, and the app, the host and the deployment all use the app's managed identity.

param name string
param location string

@allowed(['Standard_LRS', 'Standard_ZRS'])
param sku string

@description('The blob container the Flex Consumption plan deploys packages to.')
param deploymentContainer string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

// The files visitors, customers and staff send (Lucine.Functions/Attachments): private, served only
// through Lucine with the conversation's or ticket's authorisation. The app also creates them at start.
resource attachments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in ['chat-attachments', 'ticket-attachments']: {
  parent: blobs
  name: container
  properties: { publicAccess: 'None' }
}]

output blobEndpoint string = account.properties.primaryEndpoints.blob
output name string = account.name
