using System.Diagnostics.CodeAnalysis;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Helpers;

namespace TryVox.Client.Serialization;

/// <summary>The result of an operation that returns a single JSON value, read the way Kiota's adapter reads it.</summary>
internal static class PrimitiveValue
{
    public static T? Read<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(FastJsonParseNode root)
    {
        var type = typeof(T);
        object? value =
            type == typeof(bool?) ? root.GetBoolValue()
            : type == typeof(byte?) ? root.GetByteValue()
            : type == typeof(sbyte?) ? root.GetSbyteValue()
            : type == typeof(string) ? root.GetStringValue()
            : type == typeof(int?) ? root.GetIntValue()
            : type == typeof(float?) ? root.GetFloatValue()
            : type == typeof(long?) ? root.GetLongValue()
            : type == typeof(double?) ? root.GetDoubleValue()
            : type == typeof(decimal?) ? root.GetDecimalValue()
            : type == typeof(Guid?) ? root.GetGuidValue()
            : type == typeof(DateTimeOffset?) ? root.GetDateTimeOffsetValue()
            : type == typeof(TimeSpan?) ? root.GetTimeSpanValue()
            : type == typeof(Date?) ? root.GetDateValue()
            : root.GetStringValue() is { Length: > 0 } raw ? EnumHelpers.GetEnumValue(type, raw)
            : throw new InvalidOperationException($"The answer is not a {type.Name} value.");
        return (T?)value;
    }
}
