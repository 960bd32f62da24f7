using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Files;

/// <summary>
/// Result files made up on the fly: a real header of the file's type (so sniffing and magic-byte checks work),
/// then zeros up to the requested size, streamed from one shared buffer so that even a 1 GB file costs no memory.
/// </summary>
internal static class FileBodies
{
    private const int ChunkSize = 64 * 1024;

    // A complete, valid 1x1 transparent PNG; viewers ignore what follows IEND.
    private static readonly byte[] PngImage =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0xE9, 0xFA,
        0xDC, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    private static readonly byte[] Zeros = new byte[ChunkSize];

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Png => "image/png",
        FileKind.Mp4 => "video/mp4",
        _ => "audio/mpeg",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Png => "png",
        FileKind.Mp4 => "mp4",
        _ => "mp3",
    };

    /// <summary>The first bytes of a file of this kind and total length.</summary>
    public static byte[] Header(FileKind kind, long length)
    {
        byte[] header;
        switch (kind)
        {
            case FileKind.Png:
                header = PngImage;
                break;
            case FileKind.Mp4:
                // An ftyp box at offset 0 (so "ftyp" sits at offset 4), then one 64-bit-sized free box for the rest.
                header = new byte[40];
                BinaryPrimitives.WriteUInt32BigEndian(header, 24);
                "ftypisom"u8.CopyTo(header.AsSpan(4));
                BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), 0x200);
                "isommp41"u8.CopyTo(header.AsSpan(16));
                BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(24), 1);
                "free"u8.CopyTo(header.AsSpan(28));
                BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(32), (ulong)Math.Max(0, length - 24));
                break;
            default:
                // An ID3v2.4 tag whose padding (zeros, which the format allows) fills the file.
                header = new byte[10];
                "ID3"u8.CopyTo(header);
                header[3] = 4;
                var size = (int)Math.Min(Math.Max(0, length - 10), 0x0FFFFFFF);
                header[6] = (byte)((size >> 21) & 0x7F);
                header[7] = (byte)((size >> 14) & 0x7F);
                header[8] = (byte)((size >> 7) & 0x7F);
                header[9] = (byte)(size & 0x7F);
                break;
        }
        return header.Length <= length ? header : header.AsSpan(0, (int)length).ToArray();
    }

    public static async Task WriteAsync(HttpContext context, FileKind kind, long length)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType(kind);
        response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method)) return;

        var body = response.Body;
        CancellationToken cancel = context.RequestAborted;
        var header = Header(kind, length);
        await body.WriteAsync(header, cancel);
        var remaining = length - header.Length;
        while (remaining > 0)
        {
            var count = (int)Math.Min(remaining, ChunkSize);
            await body.WriteAsync(Zeros.AsMemory(0, count), cancel);
            remaining -= count;
        }
    }
}
