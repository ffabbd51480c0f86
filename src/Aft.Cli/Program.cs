using Aft.Cli.Commands;

return await AftCommandLine.Create().Parse(args).InvokeAsync();
