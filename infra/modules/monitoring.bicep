// Where Lucine's logs, metrics and alerts live: a Log Analytics workspace, the workspace-based
// Application Insights the Functions host and the app send to, and (when someone is named to receive
// them) an alert on failed requests and invocations.

param name string
param location string

@description('Who is emailed when requests or timer invocations fail; empty: no alert is created.')
param alertEmails array

@description('Days the workspace keeps logs.')
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // The host authenticates with Entra ID (APPLICATIONINSIGHTS_AUTHENTICATION_STRING); local auth stays on
    // until the app's own telemetry exporter is given the managed identity too, or its data would be refused.
    DisableLocalAuth: false
  }
}

resource operations 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmails)) {
  name: '${name}-operations'
  location: 'global'
  properties: {
    groupShortName: 'lucine-ops'
    enabled: true
    emailReceivers: [for (email, i) in alertEmails: { name: 'operations-${i}', emailAddress: email, useCommonAlertSchema: true }]
  }
}

// Every HTTP request the host forwards and every timer invocation is a "request" in Application
// Insights; failures there are what visitors and the sweeps feel.
resource failures 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = if (!empty(alertEmails)) {
  name: '${name}-failures'
  location: location
  properties: {
    displayName: 'Lucine: failed requests or timer invocations'
    description: 'More than 5 failed requests (5xx) or failed timer invocations in 15 minutes. Open Application Insights > Failures.'
    severity: 2
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | where success == false or toint(resultCode) >= 500'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 5
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [operations.id] }
  }
}

output insightsName string = insights.name
output connectionString string = insights.properties.ConnectionString
