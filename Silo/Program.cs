using Cinema.Silo.Hosting;

return await SiloHost.RunAsync(args);
