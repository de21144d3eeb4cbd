namespace Asana.Permissions.Rules;

/// <summary>Sees each grant of a project in turn (see <see cref="GrantWalker.VisitProject"/>).</summary>
internal interface IProjectGrantVisitor
{
    /// <summary>One grant; return true to stop the walk.</summary>
    bool Grant(in ProjectGrant grant);
}
