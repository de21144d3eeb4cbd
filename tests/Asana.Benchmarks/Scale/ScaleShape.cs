using Asana.Simulator;

namespace Asana.Benchmarks.Scale;

/// <summary>The organization shape for a requested task count: <see cref="OrganizationShape.Large"/> (~50,000 tasks) scaled.</summary>
internal static class ScaleShape
{
    /// <summary>Tasks and subtasks that <see cref="OrganizationShape.Large"/> generates (seed 42), measured.</summary>
    private const double LargeTasks = 50_000;

    public static OrganizationShape ForTasks(int tasks) =>
        tasks == 1_000_000 ? OrganizationShape.Huge : OrganizationShape.Large.Scaled(tasks / LargeTasks);
}
