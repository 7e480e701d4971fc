using System;
using System.Runtime.InteropServices;

namespace LossGen.LightGbm;

/// <summary>The part of LightGBM's C API (<c>c_api.h</c>) this package calls. Every function returns 0, or -1 with <see cref="LGBM_GetLastError"/> set.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "lib_lightgbm";

    public const int Float32 = 0;
    public const int Float64 = 1;
    public const int PredictRawScore = 1;

    [LibraryImport(Library)]
    public static partial nint LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(void* data, int dataType, int rows, int columns, int isRowMajor, string parameters, nint reference, out nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(nint dataset, string field, void* data, int count, int type);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(nint trainingData, string parameters, out nint booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterAddValidData(nint booster, nint validationData);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(nint booster, out int isFinished);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIterCustom(nint booster, float* gradient, float* hessian, out int isFinished);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumPredict(nint booster, int dataIndex, out long length);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetPredict(nint booster, int dataIndex, out long length, double* result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(
        nint booster, void* data, int dataType, int rows, int columns, int isRowMajor, int predictType, int startIteration, int iterations, string parameters,
        out long length, double* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetCurrentIteration(nint booster, out int iteration);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterSaveModelToString(nint booster, int startIteration, int iterations, int featureImportanceType, long bufferLength, out long length, byte* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(nint booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_NetworkInit(string machines, int localListenPort, int listenTimeoutMinutes, int machineCount);

    [LibraryImport(Library)]
    public static partial int LGBM_NetworkFree();

    /// <summary>
    /// Throws <see cref="LightGbmException"/> with LightGBM's message when <paramref name="result"/> is a failure, led by
    /// what happened when the network of a distributed run is the cause.
    /// </summary>
    public static void Check(int result, string call)
    {
        if (result != 0)
        {
            var message = Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "no message";
            throw new LightGbmException(call, LightGbmNetwork.NetworkFailure(message) is { } cause ? $"{cause} (LightGBM: {message})" : message);
        }
    }
}
