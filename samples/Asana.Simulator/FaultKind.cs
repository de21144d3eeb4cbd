namespace Asana.Simulator;

/// <summary>A failure <see cref="FaultInjector"/> can answer with.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>Retry-After</c> (see <see cref="FaultInjector.RetryAfter"/>) and Asana's rate-limit body.</summary>
    TooManyRequests,

    /// <summary>500 with an Asana error body and a <c>phrase</c>.</summary>
    InternalServerError,

    /// <summary>502 with an HTML body (a proxy's page, not JSON).</summary>
    BadGateway,

    /// <summary>503 with an Asana error body.</summary>
    ServiceUnavailable,

    /// <summary>504 with an Asana error body.</summary>
    GatewayTimeout,

    /// <summary>The connection is aborted before any response.</summary>
    ConnectionReset,

    /// <summary>A 200 whose body stops halfway (Content-Length of the whole), then the connection is aborted.</summary>
    TruncatedBody,

    /// <summary>A clean 200 whose body is the first half of the JSON (Content-Length matches): the JSON is malformed.</summary>
    MalformedJson,

    /// <summary>401, as for a revoked token.</summary>
    Unauthorized,

    /// <summary>403 with an Asana error body, as for an object the token may not read.</summary>
    Forbidden,

    /// <summary>402 with an Asana error body, as for a premium feature the plan lacks.</summary>
    PaymentRequired,
}
