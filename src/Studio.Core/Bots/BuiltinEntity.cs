namespace Studio.Core.Bots;

public enum BuiltinEntity
{
    Number,
    Money,
    Date,
    Time,
    Email,
    Phone,
}
