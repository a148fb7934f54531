namespace Studio.Web.Features.Common;

/// <summary>Check boxes bound to a set: ticked adds, unticked removes.</summary>
public static class SetMembership
{
    public static void Set<T>(this ISet<T> set, T item, bool member)
    {
        if (member)
        {
            set.Add(item);
        }
        else
        {
            set.Remove(item);
        }
    }
}
