using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Studio.Application.Publishing;

/// <summary>
/// SHA-256 of model files, remembered by path, size and modification time, so a multi-gigabyte GGUF is read
/// once per change rather than on every publish or version load.
/// </summary>
public sealed class ModelFileHasher
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), string> _known = new();

    /// <summary>The file's SHA-256 in lower-case hex; throws <see cref="FileNotFoundException"/> naming the file when it is gone.</summary>
    public string Hash(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The model file {path} does not exist.", path);
        }

        return _known.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
