using System.Net;
using System.Net.Sockets;

namespace Studio.Application.Actions;

/// <summary>
/// Where actions may connect. Checked on the address each connection actually goes to, after the name is resolved,
/// so neither a name that resolves to loopback nor one that changes its answer later (DNS rebinding) nor a redirect
/// reaches the studio's own machine or a cloud metadata service. Hosts named in <c>Actions:AllowedHosts</c> may.
/// </summary>
public sealed class OutboundAddresses(ActionOptions options)
{
    // The metadata services that are not already link-local: AWS's IPv6 one and Alibaba Cloud's.
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    public bool IsAllowedHost(string host) => options.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an address is one actions may not call unless its host is allowed, and why.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || (bytes.Length == 4 && bytes[0] == 0) ? "this machine"
            : Metadata.Contains(address) ? "a cloud metadata service"
            : address.IsIPv6LinkLocal || (bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254) ? "a link-local address (where cloud metadata lives)"
            : address.IsIPv6Multicast || (bytes.Length == 4 && bytes[0] >= 224) ? "a multicast or reserved address"
            : null;
    }

    /// <summary>A handler that connects only to addresses actions may call, never follows redirects and keeps no cookies.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2), // so a changed DNS answer is seen, and checked again
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"'{host}' does not resolve to any address.");
        }

        var allowed = IsAllowedHost(host);
        var address = addresses.FirstOrDefault(a => allowed || Refusal(a) is null)
            ?? throw new HttpRequestException($"'{host}' is {Refusal(addresses[0])}, which actions may not call; an operator can allow the host under Actions:AllowedHosts.");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
