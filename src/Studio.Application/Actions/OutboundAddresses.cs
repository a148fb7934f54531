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
    // The metadata services that are not already link-local: AWS's IPv6 one, Alibaba Cloud's and Oracle Cloud's.
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192")];

    // This machine's own addresses on every interface: Kestrel and anything beside it listen there too.
    private static readonly Lazy<HashSet<IPAddress>> OwnAddresses = new(() =>
    {
        try
        {
            return [.. System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address.IsIPv4MappedToIPv6 ? a.Address.MapToIPv4() : a.Address)];
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return [];
        }
    });

    public bool IsAllowedHost(string host) => options.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an address is one actions may not call unless its host is allowed, and why.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // An IPv4 address carried inside an IPv6 one (NAT64, 6to4, IPv4-compatible) is judged as itself.
        if (EmbeddedIPv4(address) is { } inner)
        {
            return Refusal(inner);
        }

        var bytes = address.GetAddressBytes();
        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || (bytes.Length == 4 && bytes[0] == 0)
            || OwnAddresses.Value.Contains(address) ? "this machine"
            : Metadata.Contains(address) ? "a cloud metadata service"
            : address.IsIPv6LinkLocal || (bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254) ? "a link-local address (where cloud metadata lives)"
            : address.IsIPv6Multicast || (bytes.Length == 4 && bytes[0] >= 224) ? "a multicast or reserved address"
            : null;
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        // 64:ff9b::/96 (NAT64) and ::/96 (IPv4-compatible, not :: or ::1) carry it in the last four bytes; 2002::/16 (6to4) in bytes 2-5.
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0);
        var compatible = b.Take(12).All(x => x == 0) && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1);
        return nat64 || compatible ? new IPAddress(b[12..16])
            : b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b[2..6])
            : null;
    }

    /// <summary>A handler that connects only to addresses actions may call, never follows redirects and keeps no cookies.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false, // a proxy from HTTP_PROXY would make the connection, and the address checked would be the proxy's
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
