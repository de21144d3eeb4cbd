using Asana.Permissions.Indexing;
using Asana.Permissions.Mapping;
using Asana.Permissions.Model;
using Asana.Permissions.Sources;

namespace Asana.Permissions.Graph;

/// <summary>Sections: records and their Merge collections (they carry no rules of their own).</summary>
internal sealed partial class WorkspaceGraph
{
    public GidIndex SectionIds { get; }

    public SectionRecord?[] SectionRecords = [];

    public Collection?[] SectionCollections = [];

    /// <summary>The project each existing section belongs to, or -1.</summary>
    public int[] SectionProject = [];

    // Tasks in one project and one section share one "[project, section]" list per section.
    private string[]?[] _projectSectionLists = [];

    public int InternSection(string gid)
    {
        var index = SectionIds.Intern(gid);
        if (index >= SectionRecords.Length)
        {
            GrowSections();
        }

        return index;
    }

    public void SetSection(SectionRecord section)
    {
        var index = InternSection(section.Gid);
        RemoveSectionAt(index);
        var project = InternProject(section.ProjectGid);
        SectionRecords[index] = section;
        SectionProject[index] = project;
        ProjectSections[project].Add(index);
        SectionCollections[index] = new Collection(
            section.Gid, section.Name, CollectionType.List, section.ProjectGid, InheritFromProjectOnly(project));
    }

    public void RemoveSectionAt(int section)
    {
        if (SectionRecords[section] is null)
        {
            return;
        }

        ProjectSections[SectionProject[section]].Remove(section);
        SectionRecords[section] = null;
        SectionCollections[section] = null;
        SectionProject[section] = -1;
    }

    /// <summary>The shared <c>[project, section]</c> list for a task placed in one project and one section.</summary>
    public string[] ProjectSectionList(string projectGid, string sectionGid)
    {
        var section = InternSection(sectionGid);
        var cached = _projectSectionLists[section];
        if (cached is not null && string.Equals(cached[0], projectGid, StringComparison.Ordinal))
        {
            return cached;
        }

        string[] list = [projectGid, sectionGid];
        _projectSectionLists[section] ??= list;
        return list;
    }

    private void GrowSections()
    {
        var capacity = SectionIds.Capacity;
        Grow(ref SectionRecords, capacity);
        Grow(ref SectionCollections, capacity);
        GrowFilled(ref SectionProject, capacity, -1);
        Grow(ref _projectSectionLists, capacity);
    }
}
