namespace Asana.Simulator.Http;

/// <summary>What <see cref="TokenCodec.Read"/> found.</summary>
internal enum TokenStatus
{
    Valid,
    Invalid,
    Expired,
}
