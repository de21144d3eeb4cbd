using System.Runtime.CompilerServices;

namespace Asana.Permissions.Rules;

/// <summary>The tasks of a parent chain seen so far, held inline on the stack (no heap, no stackalloc guard).</summary>
[InlineArray(GrantWalker.ExactCycleCheckDepth)]
internal struct ChainBuffer
{
    private int _first;
}
