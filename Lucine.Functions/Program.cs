using Lucine.Functions;
using Lucine.Functions.Hosting;

var app = LucineApplication.Build(args);

// The packaging command: the Azure Functions host's function.json files, from the endpoints just built.
if (args is [FunctionManifests.WriteCommand, var directory])
{
    FunctionManifests.Write(app, directory);
    return;
}

await app.RunAsync();
