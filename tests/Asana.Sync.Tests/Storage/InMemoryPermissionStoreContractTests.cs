using Asana.Sync.Storage;

namespace Asana.Sync.Tests.Storage;

/// <summary>The store of docs/custom-stores.md passes the store contract.</summary>
public sealed class InMemoryPermissionStoreContractTests : PermissionStoreContractTests
{
    protected override Task<IPermissionStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IPermissionStore>(new InMemoryPermissionStore(timeProvider));
}
