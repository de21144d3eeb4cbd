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

    // Tasks in one project and one section share one "[project, section]" list per section; the owner array says
    // which project the cached list names, so checking it touches no string.
    private string[]?[] _projectSectionLists = [];
    private int[] _projectSectionListOwner = [];

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
            section.Gid, section.Name, CollectionType.List, section.ProjectGid, InheritFromProjectOnly(project), null, CollectionAccessLevel.ParentCollection);
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
    public string[] ProjectSectionList(int project, string sectionGid)
    {
        // The section is nearly always one of the project's few existing sections: finding it there spares a lookup.
        // Placements usually carry the very string the section record does, so references are compared first.
        var section = -1;
        var candidates = ProjectSections[project].Items;
        foreach (var candidate in candidates)
        {
            if (ReferenceEquals(SectionIds.GidAt(candidate), sectionGid))
            {
                section = candidate;
                break;
            }
        }

        if (section < 0)
        {
            foreach (var candidate in candidates)
            {
                if (string.Equals(SectionIds.GidAt(candidate), sectionGid, StringComparison.Ordinal))
                {
                    section = candidate;
                    break;
                }
            }
        }

        if (section < 0)
        {
            section = InternSection(sectionGid);
        }

        // Project indices and gids correspond one to one, so the owner index stands for the list's first gid.
        if (_projectSectionListOwner[section] == project && _projectSectionLists[section] is { } cached)
        {
            return cached;
        }

        string[] list = [ProjectIds.GidAt(project), sectionGid];
        if (_projectSectionLists[section] is null)
        {
            _projectSectionLists[section] = list;
            _projectSectionListOwner[section] = project;
        }

        return list;
    }

    private void GrowSections()
    {
        var capacity = SectionIds.Capacity;
        Grow(ref SectionRecords, capacity);
        Grow(ref SectionCollections, capacity);
        GrowFilled(ref SectionProject, capacity, -1);
        Grow(ref _projectSectionLists, capacity);
        GrowFilled(ref _projectSectionListOwner, capacity, -1);
    }
}
