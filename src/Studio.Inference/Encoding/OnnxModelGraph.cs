using System.Runtime.InteropServices;

namespace Studio.Inference.Encoding;

/// <summary>
/// Just enough of the ONNX file format (protocol buffers) to read a model's nodes and float weights, to expose an inner
/// tensor as an extra output, and to write new values into weights of the same shape. A full ONNX library would need a
/// Python tool chain or a large dependency for these three edits; the wire format they touch is five field kinds.
/// </summary>
public sealed class OnnxModelGraph
{
    // Field numbers from onnx.proto.
    private const int ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeTensor = 5;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;
    private const int FloatType = 1;

    private readonly byte[] _model;
    private readonly (int Start, int End) _graph;
    private readonly int _graphFieldStart;
    private readonly Dictionary<string, Initializer> _initializers = new(StringComparer.Ordinal);

    public OnnxModelGraph(byte[] model)
    {
        _model = model;
        foreach (var field in Fields(0, model.Length))
        {
            if (field.Number == ModelGraph && field.IsBytes)
            {
                _graphFieldStart = field.FieldStart;
                _graph = (field.Start, field.End);
            }
        }

        if (_graph.End == 0)
        {
            throw new InvalidDataException("The ONNX file has no graph.");
        }

        var nodes = new List<Node>();
        foreach (var field in Fields(_graph.Start, _graph.End))
        {
            if (field.Number == GraphNode && field.IsBytes)
            {
                nodes.Add(ReadNode(field));
            }
            else if (field.Number == GraphInitializer && field.IsBytes && ReadInitializer(field) is { } initializer)
            {
                _initializers[initializer.Name] = initializer;
            }
        }

        Nodes = nodes;
    }

    public IReadOnlyList<Node> Nodes { get; }

    public bool HasFloatWeights(string name) => _initializers.TryGetValue(name, out var i) && i.Raw.Length > 0;

    public IReadOnlyList<long> Shape(string name) => Find(name).Dims;

    /// <summary>A float initializer's values, in the row-major order of its shape.</summary>
    public float[] Weights(string name)
    {
        var initializer = Find(name);
        if (initializer.Dims.Aggregate(1L, (product, d) => product * d) * sizeof(float) != initializer.Raw.Length)
        {
            throw new InvalidDataException($"'{name}' holds {initializer.Raw.Length} bytes, not the {string.Join(" × ", initializer.Dims)} floats its shape says.");
        }

        return MemoryMarshal.Cast<byte, float>(_model.AsSpan(initializer.Raw.Start, initializer.Raw.Length)).ToArray();
    }

    /// <summary>A copy of the model in which each named float initializer holds new values of the same count.</summary>
    public byte[] WithWeights(IReadOnlyDictionary<string, float[]> weights)
    {
        var copy = (byte[])_model.Clone();
        foreach (var (name, values) in weights)
        {
            var initializer = Find(name);
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            if (bytes.Length != initializer.Raw.Length)
            {
                throw new ArgumentException($"'{name}' holds {initializer.Raw.Length / sizeof(float)} values, not {values.Length}.", nameof(weights));
            }

            bytes.CopyTo(copy.AsSpan(initializer.Raw.Start));
        }

        return copy;
    }

    /// <summary>A copy of the model that also outputs the float tensor <paramref name="tensor"/>, of any shape.</summary>
    public byte[] WithOutput(string tensor)
    {
        // ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type: FLOAT } } }, shape left to inference.
        byte[] tensorType = [0x08, FloatType];
        var valueInfo = Concat(Field(1, System.Text.Encoding.UTF8.GetBytes(tensor)), Field(2, Field(1, tensorType)));
        var graph = Concat(_model.AsSpan(_graph.Start, _graph.End - _graph.Start).ToArray(), Field(GraphOutput, valueInfo));
        return Concat(_model.AsSpan(0, _graphFieldStart).ToArray(), Field(ModelGraph, graph), _model.AsSpan(_graph.End).ToArray());
    }

    /// <summary>A node; <paramref name="Scalar"/> is the value of a Constant that holds one float.</summary>
    public sealed record Node(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, float? Scalar = null);

    private sealed record Initializer(string Name, long[] Dims, (int Start, int Length) Raw);

    private readonly record struct WireField(int Number, int WireType, int FieldStart, int Start, int End, ulong Value)
    {
        public bool IsBytes => WireType == 2;
    }

    private Initializer Find(string name) =>
        _initializers.TryGetValue(name, out var initializer) && initializer.Raw.Length > 0
            ? initializer
            : throw new InvalidDataException($"The ONNX file has no float weights named '{name}'.");

    private Node ReadNode(WireField node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        float? scalar = null;
        foreach (var field in Fields(node.Start, node.End))
        {
            switch (field.Number)
            {
                case NodeInput: inputs.Add(Text(field)); break;
                case NodeOutput: outputs.Add(Text(field)); break;
                case NodeOpType: op = Text(field); break;
                case NodeAttribute when field.IsBytes: scalar ??= ScalarOf(field); break;
            }
        }

        return new Node(op, inputs, outputs, op == "Constant" ? scalar : null);
    }

    // A Constant's value attribute: a tensor of one float in raw bytes.
    private float? ScalarOf(WireField attribute)
    {
        foreach (var field in Fields(attribute.Start, attribute.End))
        {
            if (field.Number == AttributeTensor && field.IsBytes && ReadInitializer(field, requireName: false) is { Raw.Length: sizeof(float), Dims.Length: 0 } tensor)
            {
                return BitConverter.ToSingle(_model, tensor.Raw.Start);
            }
        }

        return null;
    }

    // Only float tensors stored as raw bytes (how exporters write weights) can be read or replaced.
    private Initializer? ReadInitializer(WireField tensor, bool requireName = true)
    {
        var dims = new List<long>();
        string? name = null;
        var type = 0UL;
        (int, int) raw = default;
        foreach (var field in Fields(tensor.Start, tensor.End))
        {
            switch (field.Number)
            {
                case TensorDims when field.WireType == 0: dims.Add((long)field.Value); break;
                case TensorDims: throw new InvalidDataException("The ONNX file stores a tensor's shape packed, which this reader does not handle.");
                case TensorDataType: type = field.Value; break;
                case TensorName: name = Text(field); break;
                case TensorRawData: raw = (field.Start, field.End - field.Start); break;
            }
        }

        return name is null && requireName ? null : new Initializer(name ?? "", [.. dims], type == FloatType ? raw : default);
    }

    private string Text(WireField field) => System.Text.Encoding.UTF8.GetString(_model, field.Start, field.End - field.Start);

    private IEnumerable<WireField> Fields(int start, int end)
    {
        var position = start;
        while (position < end)
        {
            var fieldStart = position;
            var key = ReadVarint(ref position, end);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    var value = ReadVarint(ref position, end);
                    yield return new WireField((int)(key >> 3), 0, fieldStart, position, position, value);
                    break;
                case 1:
                    position = Skip(position, 8, end);
                    break;
                case 2:
                    var declared = ReadVarint(ref position, end);
                    if (declared > (ulong)(end - position))
                    {
                        throw new InvalidDataException("The ONNX file is cut short.");
                    }

                    var length = (int)declared;
                    yield return new WireField((int)(key >> 3), 2, fieldStart, position, position + length, 0);
                    position += length;
                    break;
                case 5:
                    position = Skip(position, 4, end);
                    break;
                default:
                    throw new InvalidDataException($"The ONNX file has a field of wire type {wireType}, which protocol buffers do not define.");
            }
        }
    }

    private static int Skip(int position, int bytes, int end) =>
        end - position >= bytes ? position + bytes : throw new InvalidDataException("The ONNX file is cut short.");

    private ulong ReadVarint(ref int position, int end)
    {
        var result = 0UL;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= end)
            {
                break;
            }

            var b = _model[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("The ONNX file has a malformed number.");
    }

    private static byte[] Field(int number, byte[] payload)
    {
        var header = new List<byte>(12);
        WriteVarint(header, ((ulong)number << 3) | 2);
        WriteVarint(header, (ulong)payload.Length);
        return Concat([.. header], payload);
    }

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
