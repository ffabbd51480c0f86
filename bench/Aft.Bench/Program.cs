using Aft.Bench;

return args is ["baseline", var port] ? await BaselineServer.RunAsync(int.Parse(port)) : await BenchmarkRun.RunAsync(args);
