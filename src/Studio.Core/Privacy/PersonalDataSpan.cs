namespace Studio.Core.Privacy;

/// <summary>A piece of personal data in a text: where it is and what kind it is (<c>email</c>, or a custom pattern's name).</summary>
public readonly record struct PersonalDataSpan(int Start, int Length, string Kind)
{
    public int End => Start + Length;
}
