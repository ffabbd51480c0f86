using Aft.Cli.Commands;

return await AftCommandLine.RunAsync(args);
