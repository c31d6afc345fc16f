using Cinema.Silo.Cli;
using Cinema.Silo.Hosting;

// `users ...` and other commands run and exit; no arguments, or only settings (--Cinema:Key=value), start the server.
if (Commands.IsCommand(args)) return await Commands.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
return await SiloHost.RunAsync(args);
