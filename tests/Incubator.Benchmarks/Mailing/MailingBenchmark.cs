using System.Diagnostics;
using System.Globalization;
using System.Text;
using Incubator.Benchmarks.Hosting;
using Incubator.Web.Data;
using Incubator.Web.Features.Mailings;
using Incubator.Web.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incubator.Benchmarks.Mailing;

/// <summary>
/// Issue 17's aim "10,000 recipients queued in under 10 s": a segment of N consenting people (each with an e-mail and a
/// newsletter consent), a mailing to it, then the send (the segment's consenting members fixed as recipient rows in one
/// transaction) and the feeder handing every recipient to the e-mail outbox with the hourly limit out of the way,
/// timed apart. The people are written straight into the database, as an import of that size would.
/// </summary>
internal static class MailingBenchmark
{
    public static async Task<string> RunAsync(DatabaseProvider provider, int people, string postgresAdmin, TextWriter log)
    {
        using var database = BenchmarkDatabase.Create(provider, $"incubator-bench-mailing-{people}", keep: false, reuse: false, postgresAdmin);
        await using var site = new BenchmarkSite(database, new Dictionary<string, string>
        {
            // The feeder is run by hand below, so its work is timed alone; the limit would otherwise stop it at 200.
            ["Mailings:FeedInterval"] = "00:00:00",
            ["Mailings:PerHour"] = "1000000",
        });
        site.Start();
        await log.WriteLineAsync($"{provider}: writing {people:N0} consenting people");
        var tag = "bench-mailing";
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncubatorDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var now = DateTime.UtcNow;
            for (var start = 0; start < people; start += 1000)
            {
                for (var i = start; i < Math.Min(people, start + 1000); i++)
                {
                    var id = Guid.CreateVersion7().ToString("N");
                    var name = string.Create(CultureInfo.InvariantCulture, $"Người nhận {i:D5}");
                    var email = string.Create(CultureInfo.InvariantCulture, $"nguoi.nhan.{i}@bench.example");
                    db.Add(new Person
                    {
                        Id = id, FullName = name, NormalizedName = PersonText.NormalizeName(name), Tags = [tag], CreatedUtc = now, ModifiedUtc = now,
                        Contacts = [new PersonContact { PersonId = id, Kind = PersonContactKind.Email, Value = email, Normalized = PersonText.NormalizeEmail(email) }],
                    });
                    db.Add(new PersonConsent { PersonId = id, Given = true, AtUtc = now, Source = ConsentSource.Staff, Basis = "benchmark" });
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        string mailingId;
        using (var scope = site.Services.CreateScope())
        {
            var segment = await scope.ServiceProvider.GetRequiredService<SaveSegment>()
                .SaveAsync(null, "Benchmark", new SegmentFilter { Tags = [tag], Consented = true }, null, CancellationToken.None);
            var mailing = await scope.ServiceProvider.GetRequiredService<CreateMailing>().SaveAsync(null, new CreateMailing.Texts(
                segment.Value!.Id, "Bản tin tháng {{ten}}", null, "Chào {{ten}},\n\nBản tin **tháng này** của vườn ươm.", null), null, CancellationToken.None);
            mailingId = mailing.Value!.Id;
        }

        var send = Stopwatch.StartNew();
        int recipients;
        using (var scope = site.Services.CreateScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<SendMailing>().SendAsync(mailingId, null, CancellationToken.None);
            recipients = sent.Value;
        }

        send.Stop();
        var feed = Stopwatch.StartNew();
        var feeder = site.Services.GetRequiredService<MailingFeeder>();
        var queued = 0;
        while (await feeder.FeedAsync(CancellationToken.None) is var step and > 0)
        {
            queued += step;
        }

        feed.Stop();
        int outbox;
        using (var scope = site.Services.CreateScope())
        {
            outbox = await scope.ServiceProvider.GetRequiredService<IncubatorDbContext>().OutboxEmails.CountAsync();
        }

        await log.WriteLineAsync($"{provider}: {recipients:N0} recipients fixed in {send.Elapsed.TotalSeconds:F2} s; {queued:N0} queued to the outbox in {feed.Elapsed.TotalSeconds:F2} s ({outbox:N0} outbox rows)");
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"| {provider} | {people:N0} | {recipients:N0} | {send.Elapsed.TotalSeconds:F2} s | {queued:N0} | {feed.Elapsed.TotalSeconds:F2} s | {(send.Elapsed + feed.Elapsed).TotalSeconds:F2} s |");
        return report.ToString();
    }

    public static string Markdown(IEnumerable<string> rows, string machine, string command) =>
        $"""
        ### Mailing to a segment (issue 17)

        {machine}

        `{command}`

        | Provider | People | Recipients fixed | Send | Queued to the outbox | Feed | Total |
        | --- | --- | --- | --- | --- | --- | --- |
        {string.Join("\n", rows)}
        """;
}
