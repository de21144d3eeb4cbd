using Asana.Benchmarks.Scale;
using BenchmarkDotNet.Running;

// `scale ...`: the 1M-task scale benchmark command (see Scale/ScaleCommand.cs); `simulator-child ...`: the simulator it
// starts in a child process. Anything else: every BenchmarkDotNet class in this assembly, e.g. --filter '*CanView*'.
if (args.Length > 0 && args[0] == ScaleCommand.Verb)
{
    return await ScaleCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == SimulatorChild.Verb)
{
    return await SimulatorChild.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
