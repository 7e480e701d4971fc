namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile <c>record</c> and <c>init</c>, which need this marker type.</summary>
internal static class IsExternalInit
{
}
