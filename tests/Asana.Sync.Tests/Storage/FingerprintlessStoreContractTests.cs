using Asana.Sync.Storage;
using Asana.Sync.Tests.Internal;

namespace Asana.Sync.Tests.Storage;

/// <summary>
/// A store that keeps no fingerprints (it writes none and loads none) passes the contract too: the fingerprints are an
/// optimization, and without them every sync rewrites every row.
/// </summary>
public sealed class FingerprintlessStoreContractTests : PermissionStoreContractTests
{
    protected override bool KeepsFingerprints => false;

    protected override Task<IPermissionStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IPermissionStore>(new WriteRecordingStore(new InMemoryPermissionStore(timeProvider)) { DropFingerprints = true });
}
