using Asana.Sync.AspNetCore.Receiving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Asana.Sync.AspNetCore;

/// <summary>Maps the webhook receiver.</summary>
public static class AsanaWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {AsanaWebhookOptions.RoutePrefix}/{registrationId}</c> to the receiver (register it first with
    /// <see cref="AsanaWebhookServiceCollectionExtensions.AddAsanaWebhooks"/>). The registrar builds the webhooks'
    /// targets from the same prefix.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>The endpoint's convention builder (add rate limiting, host filters, …).</returns>
    public static IEndpointConventionBuilder MapAsanaWebhooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<AsanaWebhookOptions>>().Value;
        var receiver = endpoints.ServiceProvider.GetRequiredService<AsanaWebhookReceiver>();
        return endpoints.MapPost(options.RoutePrefix.TrimEnd('/') + "/{registrationId}", receiver.HandleAsync);
    }
}
