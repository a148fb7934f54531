namespace Studio.Tests.Support;

/// <summary>Finds the repository (the folder holding Studio.sln) and the shared data beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string Template(string name) => Path.Combine(Templates, name);

    /// <summary><c>../shared</c> next to the repository, where data sets and models live (never copied in).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The real 1.2 MB Llama-architecture GGUF model beside the repository.</summary>
    public static string StoriesModel => Path.Combine(Shared, "models", "stories260K.gguf");

    /// <summary>The knowledge base written for the retrieval tests.</summary>
    public static string KnowledgeBase => Path.Combine(Root, "tests", "data", "knowledge");

    /// <summary>The look-alike branch pages: a hundred documents under the same headings.</summary>
    public static string VenueKnowledgeBase => Path.Combine(Root, "tests", "data", "knowledge-venues");

    /// <summary>Debug or Release: the configuration the tests were built in, so sibling binaries match.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Studio.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Studio.sln not found above " + AppContext.BaseDirectory);
    }
}
