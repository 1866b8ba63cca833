// The Flex Consumption plan and the Function App: a custom handler (the Functions host starts the
// self-contained Lucine.Functions process and forwards requests to it), deployed from a blob
// container it reads with its own identity. Its app settings are written by main.bicep once the
// resources they point to exist.

param name string
param location string

@description('The container URL the plan deploys packages to (https://ACCOUNT.blob.../CONTAINER).')
param deploymentContainerUrl string

param maximumInstanceCount int
param instanceMemoryMB int
param httpPerInstanceConcurrency int
param httpAlwaysReady int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Instances kept warm for the HTTP functions, so that a visitor never waits for a cold start.
        alwaysReady: httpAlwaysReady > 0 ? [{ name: 'http', instanceCount: httpAlwaysReady }] : []
        triggers: {
          http: { perInstanceConcurrency: httpPerInstanceConcurrency }
        }
      }
      runtime: { name: 'custom', version: '1.0' }
    }
  }
}

output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
