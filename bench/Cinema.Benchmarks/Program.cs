using BenchmarkDotNet.Running;
using Cinema.Benchmarks;

// Runs the benchmarks picked by the command line, e.g. --filter '*Parse*' (see bench/README.md).
BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);
