using Asana.Permissions.Sources;

namespace Asana.Sync.Internal;

/// <summary>A task as read, with Asana's <c>num_subtasks</c>.</summary>
internal sealed record TaskState(TaskRecord Record, int NumSubtasks);
