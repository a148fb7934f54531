using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Studio.Web.Accounts;

/// <summary>Makes the circuit's services current while the circuit handles a click, a render or a JS call.</summary>
internal sealed class CircuitServicesHandler(IServiceProvider services, CircuitServices accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Current = services;
            try
            {
                await next(context);
            }
            finally
            {
                accessor.Current = null;
            }
        };
}
