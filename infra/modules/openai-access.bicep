// Cognitive Services OpenAI User on an existing Azure OpenAI account, which may live in another
// resource group: the app calls the model with its managed identity, no key.

param accountName string
param principalId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

// Cognitive Services OpenAI User (built-in role 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd): inference calls.
resource inference 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
