using Lucine.Functions;





var app = LucineApplication.Build(args);
await app.RunAsync();
