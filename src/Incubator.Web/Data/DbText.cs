using System.Text;
using Incubator.Core.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Incubator.Web.Data;

/// <summary>
/// Accent- and case-folded text inside queries, the same on both providers: "Hợp tác xã Nông sản" folds to
/// "hop tac xa nong san". <see cref="Fold"/> is translated to <c>lower(translate(text, 'àá…Đ', 'aa…d'))</c> on
/// PostgreSQL (no extension needed) and to the function <c>incubator_fold</c> that every SQLite connection registers
/// (see <see cref="Register"/>); both map the Latin letters with diacritics that <see cref="VietnameseText.Fold"/> maps
/// to one ASCII letter, then lower-case. Search terms are folded with <see cref="FoldTerm"/> to compare.
/// </summary>
internal static class DbText
{
    public const string SqliteFunction = "incubator_fold";
    public const string SqliteEpochFunction = "incubator_epoch";

    private static readonly Dictionary<char, char> Letters = BuildLetters();
    private static readonly string From = new([.. Letters.Keys]);
    private static readonly string To = new([.. Letters.Values]);

    /// <summary>The folded text, in a query only (a database function).</summary>
    public static string Fold(string text) => throw new InvalidOperationException($"{nameof(DbText)}.{nameof(Fold)} runs in the database only; use {nameof(FoldTerm)}.");

    /// <summary>
    /// The seconds since 1970 of a time, in a query only: <c>date_part('epoch', …)</c> on PostgreSQL, the function
    /// <c>incubator_epoch</c> on SQLite (which stores times as text); differences of two give durations in the database.
    /// </summary>
    public static double? EpochSeconds(DateTime? value) => throw new InvalidOperationException($"{nameof(DbText)}.{nameof(EpochSeconds)} runs in the database only.");

    /// <summary>What <see cref="Fold"/> gives in the database, here: for a search term (trimmed, in NFC first).</summary>
    public static string FoldTerm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FoldValue(VietnameseText.ToNfc(text.Trim()));
    }

    /// <summary>Maps <see cref="Fold"/> to its SQL on the provider.</summary>
    public static void AddTextFunctions(this ModelBuilder builder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var method = typeof(DbText).GetMethod(nameof(Fold))!;
        var epoch = typeof(DbText).GetMethod(nameof(EpochSeconds))!;
        if (postgres)
        {
            builder.HasDbFunction(epoch).HasTranslation(args => new SqlFunctionExpression(
                "date_part", [new SqlFragmentExpression("'epoch'"), args[0]], nullable: true, argumentsPropagateNullability: [false, true], typeof(double),
                new Microsoft.EntityFrameworkCore.Storage.DoubleTypeMapping("double precision", System.Data.DbType.Double)));
        }
        else
        {
            builder.HasDbFunction(epoch).HasName(SqliteEpochFunction);
        }

        if (postgres)
        {
            builder.HasDbFunction(method).HasTranslation(args =>
            {
                var translated = new SqlFunctionExpression(
                    "translate", [args[0], new SqlFragmentExpression($"'{From}'"), new SqlFragmentExpression($"'{To}'")], nullable: true,
                    argumentsPropagateNullability: [true, false, false], typeof(string), args[0].TypeMapping);
                return new SqlFunctionExpression("lower", [translated], nullable: true, argumentsPropagateNullability: [true], typeof(string), args[0].TypeMapping);
            });
        }
        else
        {
            builder.HasDbFunction(method).HasName(SqliteFunction);
        }
    }

    /// <summary>Registers <c>incubator_fold</c> on a SQLite connection just opened.</summary>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<string?, string?>(SqliteFunction, text => text is null ? null : FoldValue(text), isDeterministic: true);
        connection.CreateFunction<string?, double?>(SqliteEpochFunction, text => text is null ? null : Epoch(text), isDeterministic: true);
    }

    /// <summary>A time as SQLite stores it (UTC, "yyyy-MM-dd HH:mm:ss.FFFFFFF") in seconds since 1970.</summary>
    private static double? Epoch(string text) =>
        DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? (time - DateTime.UnixEpoch).TotalSeconds
            : null;

    private static string FoldValue(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.ToLowerInvariant(Letters.TryGetValue(c, out var plain) ? plain : c));
        }

        return builder.ToString();
    }

    /// <summary>Every precomposed Latin letter (Latin-1 to Latin Extended Additional) that folds to one ASCII letter.</summary>
    private static Dictionary<char, char> BuildLetters()
    {
        var letters = new Dictionary<char, char>();
        foreach (var (first, last) in new[] { ('\u00C0', '\u024F'), ('\u1E00', '\u1EFF') })
        {
            for (var c = first; c <= last; c++)
            {
                var folded = VietnameseText.Fold(c.ToString());
                if (folded.Length == 1 && char.IsAsciiLetterLower(folded[0]) && folded[0] != c)
                {
                    letters[c] = folded[0];
                }
            }
        }

        return letters;
    }
}
