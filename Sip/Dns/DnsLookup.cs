using DnsClient;
using DnsClient.Protocol;

namespace Cinema.Sip.Dns;

/// <summary>Runs one DNS query and turns every failure into a <see cref="DnsAnswer"/> instead of an exception.</summary>
internal static class DnsLookup
{
    public static async Task<DnsAnswer> QueryAsync(IDnsQuery dns, string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException) when (cancellationToken.IsCancellationRequested)
        {
            // DnsClient reports its own cancellation as a timeout; the caller decides what cancellation means.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (DnsResponseException ex) when (ex.Code == DnsResponseCode.ConnectionTimeout)
        {
            return DnsAnswer.Empty(name, type, DnsOutcome.Timeout, ex.Message);
        }
        catch (DnsResponseException ex)
        {
            return DnsAnswer.Empty(name, type, DnsOutcome.Failure, ex.DnsError);
        }
        catch (ArgumentException ex)
        {
            // DnsClient validates names (label and name lengths, RFC 1035 §2.3.4) before sending.
            return DnsAnswer.Empty(name, type, DnsOutcome.InvalidName, ex.Message);
        }

        if (response.HasError)
        {
            var outcome = response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                ? DnsOutcome.NameNotFound
                : DnsOutcome.Failure;
            return DnsAnswer.Empty(name, type, outcome, response.ErrorMessage);
        }

        var answers = response.Answers.Where(r => (QueryType)r.RecordType == type).ToList();
        return new DnsAnswer(
            name,
            type,
            answers.Count > 0 ? DnsOutcome.Records : DnsOutcome.NoData,
            answers,
            response.Additionals.ToList(),
            null);
    }

    /// <summary>Compares DNS names case-insensitively, ignoring a trailing root dot (RFC 4343).</summary>
    public static bool NamesEqual(string a, string b) =>
        string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
