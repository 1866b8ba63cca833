using Lucine.Bench;
using Lucine.Bench.Chat;

// Usage: dotnet run -c Release --project bench/Lucine.Bench -- [chat|sweep|push|retention] [options]
//   chat (default)  [--sessions N] [--requests 2000] [--model]        visitors chatting with the assistant (POST /api/chat), at 10, 50 and
//                   [--open-sessions 100] [--open-seconds 60]         100 sessions (or N) beside the raw storage pattern, then open loop;
//                   [--open-interval-ms 5000]                         --model: through the language-model path, against a local stand-in
//   sweep           [--sessions 1000] [--due 10]                      one deadline sweep among many waiting sessions
//   retention       [--sessions N] [--due 10]                         one retention run among 1,000, 5,000 and 20,000 ended conversations (or N), beside a raw scan
//   seed            [--days 60] [--conversations 20000]               a season through the API into the local Azurite of scripts/start.sh (demos)
//   reports         [--days 60] [--conversations 20000]               the same season in a fresh Azurite, then the overview of 90 days, beside the raw events
//   push            [--visitors 500] [--messages 200] [--in-flight 8] [--idle 0] [--service] operator messages reaching visitors' live connections
var benchmark = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "chat";
var options = new BenchOptions(args);
return benchmark switch
{
    "chat" => await ChatBenchmark.RunAsync(options),
    "load" => await ChatLoad.RunAsync(args),
    "sweep" => await SweepBenchmark.RunAsync(options),
    "push" => await PushBenchmark.RunAsync(options),
    "retention" => await RetentionBenchmark.RunAsync(options),
    "seed" => await ReportsBenchmark.SeedAsync(options),
    "reports" => await ReportsBenchmark.RunAsync(options),
    _ => Unknown(benchmark),
};

static int Unknown(string name)
{
    Console.Error.WriteLine($"Unknown benchmark \"{name}\": use chat, sweep, push, retention, seed or reports.");
    return 2;
}
