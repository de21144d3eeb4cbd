namespace Asana.Sync.Internal;

/// <summary>When <see cref="SyncRun.AddTask"/> reads a task's subtasks.</summary>
internal enum SubtaskReads
{
    /// <summary>Never: the caller decides (a re-read compares <c>num_subtasks</c> itself).</summary>
    Never,

    /// <summary>Whenever it has some (a full crawl, or a project crawled again).</summary>
    Always,

    /// <summary>When the task is new or its <c>num_subtasks</c> differs from the stored one.</summary>
    WhenChanged,
}
