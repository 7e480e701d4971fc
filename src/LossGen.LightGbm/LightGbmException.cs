using System;

namespace LossGen.LightGbm;

/// <summary>
/// A call into LightGBM's native library failed; the message is LightGBM's own, led by the cause where LossGen knows it (a
/// machine of a distributed run that stopped, a connection that failed).
/// </summary>
public sealed class LightGbmException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="call">The C API function that failed, e.g. <c>LGBM_BoosterCreate</c>.</param>
    /// <param name="message">LightGBM's error message (<c>LGBM_GetLastError</c>), led by the cause where it is known.</param>
    public LightGbmException(string call, string message)
        : base($"{call} failed: {message}")
    {
        Call = call;
        NativeMessage = message;
    }

    /// <summary>The C API function that failed.</summary>
    public string Call { get; }

    /// <summary>LightGBM's own error message, led by the cause where it is known.</summary>
    public string NativeMessage { get; }
}
