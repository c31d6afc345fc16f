using System.Buffers.Binary;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Writes test tones and tells which tones a recording contains (Goertzel filter), for checking who heard whom.</summary>
public static class Wav
{
    /// <summary>A 16-bit mono PCM WAV of a sine tone.</summary>
    public static void WriteTone(string path, double hz, TimeSpan duration, int sampleRate = 8000)
    {
        var samples = (int)(duration.TotalSeconds * sampleRate);
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var v = (short)(Math.Sin(2 * Math.PI * hz * i / sampleRate) * 12000);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), v);
        }
        using var f = File.Create(path);
        using var w = new BinaryWriter(f);
        w.Write("RIFF"u8);
        w.Write(36 + data.Length);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(sampleRate);
        w.Write(sampleRate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
    }

    /// <summary>The samples of a 16-bit PCM WAV (first channel) and its sample rate.</summary>
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8)) throw new InvalidDataException(path + " is not a WAV file");
        int pos = 12, rate = 8000, channels = 1;
        while (pos + 8 <= bytes.Length)
        {
            var id = bytes.AsSpan(pos, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 4));
            var body = pos + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                var length = Math.Min(size, bytes.Length - body);
                var count = length / (2 * channels);
                var samples = new short[count];
                for (var i = 0; i < count; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + (i * 2 * channels)));
                return (samples, rate);
            }
            pos = body + size + (size & 1);
        }
        return ([], rate);
    }

    /// <summary>
    /// Of the <paramref name="candidates"/>, the tones that carry at least <paramref name="share"/> of the
    /// recording's energy (a silent or noisy recording yields none).
    /// </summary>
    public static IReadOnlyList<double> TonesIn(string path, IReadOnlyList<double> candidates, double share = 0.2)
    {
        var (samples, rate) = Read(path);
        if (samples.Length < rate / 10) return [];
        double total = 0;
        foreach (var s in samples) total += (double)s * s;
        if (total / samples.Length < 1000) return []; // silence
        var found = new List<double>();
        foreach (var hz in candidates)
        {
            // Goertzel: power at one frequency; times 2/N gives the energy share of a pure tone.
            var coeff = 2 * Math.Cos(2 * Math.PI * hz / rate);
            double s1 = 0, s2 = 0;
            foreach (var x in samples)
            {
                var s0 = x + (coeff * s1) - s2;
                s2 = s1;
                s1 = s0;
            }
            var power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);
            var energyShare = 2 * power / samples.Length / total;
            if (energyShare >= share) found.Add(hz);
        }
        return found;
    }
}
