using System.Text;
using Asana.Shared;

namespace Asana.Sync;

/// <summary>Requests made by one sync.</summary>
/// <param name="Total">All requests (each page is one request).</param>
/// <param name="ByKind">Requests per endpoint kind (see <see cref="ApiCallKinds"/>).</param>
/// <param name="Pages">List-page requests (a subset of <paramref name="Total"/>).</param>
/// <param name="Failed">Requests that ended in an error after the client's own retries.</param>
/// <param name="Retries">Retries the client made on the way (429s, 5xx, resets), from <see cref="Asana.Client.IAsanaClient.Statistics"/>.</param>
public sealed record SyncCallCounts(int Total, IReadOnlyDictionary<string, int> ByKind, int Pages, int Failed, int Retries = 0)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Total = ").Append(Total)
            .Append(", ByKind = ").AppendMap(ByKind)
            .Append(", Pages = ").Append(Pages)
            .Append(", Failed = ").Append(Failed)
            .Append(", Retries = ").Append(Retries);
        return true;
    }
}
