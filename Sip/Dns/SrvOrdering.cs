namespace Cinema.Sip.Dns;

/// <summary>One SRV record, decoupled from the DNS library so the ordering rules can be tested directly.</summary>
internal readonly record struct SrvEntry(int Priority, int Weight, int Port, string Target);

/// <summary>Orders SRV records as RFC 2782 "Usage rules" prescribe.</summary>
internal static class SrvOrdering
{
    /// <summary>
    /// Lowest priority first; within a priority, repeated weighted random selection. The caller
    /// must serialise access to <paramref name="random"/> unless it is thread-safe.
    /// </summary>
    public static List<SrvEntry> Order(IEnumerable<SrvEntry> records, Random random)
    {
        var ordered = new List<SrvEntry>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // RFC 2782: records with weight 0 go to the front so they have a very small chance of
            // being picked when heavier records exist.
            var pending = group.Where(r => r.Weight == 0).Concat(group.Where(r => r.Weight > 0)).ToList();
            while (pending.Count > 0)
            {
                var total = pending.Sum(r => r.Weight);

                // RFC 2782: "choose a uniform random number between 0 and the sum ... (inclusive)",
                // then take the first record whose running sum is >= that number.
                var pick = random.Next(0, total + 1);
                var chosen = pending.Count - 1;
                var running = 0;
                for (var i = 0; i < pending.Count; i++)
                {
                    running += pending[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }

                ordered.Add(pending[chosen]);
                pending.RemoveAt(chosen);
            }
        }

        return ordered;
    }
}
