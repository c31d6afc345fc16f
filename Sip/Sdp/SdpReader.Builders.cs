using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

// Mutable accumulators used while reading; they become the immutable model at the end.
internal sealed partial class SdpReader
{
    private sealed class SessionBuilder
    {
        public SdpOrigin? Origin;
        public string SessionName = "-";
        public string? Information;
        public string? Uri;
        public string? TimeZones;
        public string? EncryptionKey;
        public SdpConnection? Connection;
        public SdpTiming? CurrentTiming;
        public readonly ImmutableArray<string>.Builder Emails = ImmutableArray.CreateBuilder<string>();
        public readonly ImmutableArray<string>.Builder Phones = ImmutableArray.CreateBuilder<string>();
        public readonly ImmutableArray<SdpBandwidth>.Builder Bandwidths = ImmutableArray.CreateBuilder<SdpBandwidth>();
        public readonly ImmutableArray<SdpTiming>.Builder Timings = ImmutableArray.CreateBuilder<SdpTiming>();
        public readonly ImmutableArray<string>.Builder Repeats = ImmutableArray.CreateBuilder<string>();
        public readonly ImmutableArray<SdpAttribute>.Builder Attributes = ImmutableArray.CreateBuilder<SdpAttribute>();
        public readonly ImmutableArray<SdpLine>.Builder UnknownLines = ImmutableArray.CreateBuilder<SdpLine>();

        public void FinishTiming()
        {
            if (CurrentTiming is not null)
            {
                Timings.Add(CurrentTiming with { Repeats = Repeats.DrainToImmutable() });
                CurrentTiming = null;
            }
        }

        public SessionDescription Build(ImmutableArray<MediaDescription> media)
        {
            FinishTiming();
            return new SessionDescription
            {
                Origin = Origin!,
                SessionName = SessionName,
                Information = Information,
                Uri = Uri,
                Emails = Emails.DrainToImmutable(),
                Phones = Phones.DrainToImmutable(),
                Connection = Connection,
                Bandwidths = Bandwidths.DrainToImmutable(),
                Timings = Timings.DrainToImmutable(),
                TimeZones = TimeZones,
                EncryptionKey = EncryptionKey,
                Attributes = Attributes.DrainToImmutable(),
                Media = media,
                UnknownLines = UnknownLines.DrainToImmutable(),
            };
        }
    }

    private sealed class MediaBuilder(MediaDescription line)
    {
        public string? Information;
        public string? EncryptionKey;
        public readonly ImmutableArray<SdpConnection>.Builder Connections = ImmutableArray.CreateBuilder<SdpConnection>();
        public readonly ImmutableArray<SdpBandwidth>.Builder Bandwidths = ImmutableArray.CreateBuilder<SdpBandwidth>();
        public readonly ImmutableArray<SdpAttribute>.Builder Attributes = ImmutableArray.CreateBuilder<SdpAttribute>();
        public readonly ImmutableArray<SdpLine>.Builder UnknownLines = ImmutableArray.CreateBuilder<SdpLine>();

        public MediaDescription Build() => line with
        {
            Information = Information,
            EncryptionKey = EncryptionKey,
            Connections = Connections.DrainToImmutable(),
            Bandwidths = Bandwidths.DrainToImmutable(),
            Attributes = Attributes.DrainToImmutable(),
            UnknownLines = UnknownLines.DrainToImmutable(),
        };
    }
}
