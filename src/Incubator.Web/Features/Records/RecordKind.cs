using Incubator.Web.Data;
using Incubator.Web.Features.Taxonomies;
using Microsoft.EntityFrameworkCore;

namespace Incubator.Web.Features.Records;

/// <summary>A list's filters: a locality (a province takes its communes along), a year, and a value of the kind's choice filter.</summary>
internal sealed record RecordFilter(string? Locality, int? Year, string? Choice)
{
    public static readonly RecordFilter None = new(null, null, null);

    /// <summary>The locality codes that match the locality filter (the code and all beneath it, from <see cref="Taxonomies.LocalityScope"/>), set by the caller.</summary>
    public IReadOnlyList<string>? Localities { get; init; }
}

/// <summary>
/// One kind of record as the pages, the export and the recipe step see it: its fields, how its list is filtered and
/// ordered, and where its rows are. The four kinds are the subclasses in <see cref="RecordKinds"/>.
/// </summary>
internal abstract class RecordKind
{
    /// <summary>The kind's segment in /admin/records/{slug}.</summary>
    public abstract string Slug { get; }

    /// <summary>The kind's array in the recipe step.</summary>
    public abstract string RecipeProperty { get; }

    /// <summary>The plural English name, a localiser key.</summary>
    public abstract string Title { get; }

    /// <summary>The singular English name, a localiser key.</summary>
    public abstract string Singular { get; }

    /// <summary>What the year filter looks at, a localiser key.</summary>
    public abstract string YearLabel { get; }

    /// <summary>The field whose values the list can be narrowed to (object kind, transaction kind, result).</summary>
    public abstract RecordField ChoiceFilter { get; }

    /// <summary>Every field staff fill in, in form order; the shared locality and notes come last.</summary>
    public abstract IReadOnlyList<RecordField> Fields { get; }

    /// <summary>The fields shown as the list's columns.</summary>
    public abstract IReadOnlyList<RecordField> Columns { get; }

    public RecordField Field(string key) => Fields.First(f => f.Key == key);

    public abstract RecordBase New();

    /// <summary>The entity class of this kind's rows.</summary>
    public abstract Type RecordType { get; }

    /// <summary>Checks between fields, once each has parsed; errors by field key.</summary>
    public virtual IEnumerable<(string Field, RecordError Error)> Check(IReadOnlyDictionary<string, object?> values) => [];

    public abstract Task<int> CountAsync(IncubatorDbContext db, CancellationToken cancellationToken);

    public abstract Task<(List<RecordBase> Rows, int Total)> PageAsync(IncubatorDbContext db, RecordFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    public abstract Task<List<RecordBase>> AllAsync(IncubatorDbContext db, RecordFilter filter, CancellationToken cancellationToken);

    public abstract Task<RecordBase?> FindAsync(IncubatorDbContext db, long id, CancellationToken cancellationToken);

    public abstract Task<Dictionary<string, RecordBase>> ByKeysAsync(IncubatorDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    public abstract Task<bool> KeyExistsAsync(IncubatorDbContext db, string key, CancellationToken cancellationToken);

    public abstract void Add(IncubatorDbContext db, RecordBase record);

    public abstract void Remove(IncubatorDbContext db, RecordBase record);

    /// <summary>The locality and notes every kind has.</summary>
    protected static RecordField[] Shared() =>
    [
        RecordField.For<RecordBase>("locality", "Locality", RecordFieldType.Locality, r => r.Locality, (r, v) => r.Locality = (string?)v, maxLength: RecordBase.LocalityMaxLength),
        RecordField.For<RecordBase>("notes", "Notes", RecordFieldType.LongText, r => r.Notes, (r, v) => r.Notes = (string?)v, maxLength: RecordBase.NotesMaxLength),
    ];
}

/// <summary>The queries of a kind over its own table.</summary>
internal abstract class RecordKind<T> : RecordKind
    where T : RecordBase, new()
{
    public override RecordBase New() => new T();

    public override Type RecordType => typeof(T);

    public override Task<int> CountAsync(IncubatorDbContext db, CancellationToken cancellationToken) => db.Set<T>().CountAsync(cancellationToken);

    public override async Task<(List<RecordBase> Rows, int Total)> PageAsync(IncubatorDbContext db, RecordFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Newest(query).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return ([.. rows], total);
    }

    public override async Task<List<RecordBase>> AllAsync(IncubatorDbContext db, RecordFilter filter, CancellationToken cancellationToken) =>
        [.. await Newest(Filtered(db, filter)).ToListAsync(cancellationToken)];

    public override async Task<RecordBase?> FindAsync(IncubatorDbContext db, long id, CancellationToken cancellationToken) =>
        await db.Set<T>().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);

    public override async Task<Dictionary<string, RecordBase>> ByKeysAsync(IncubatorDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        await db.Set<T>().Where(x => keys.Contains(x.Key)).ToDictionaryAsync(x => x.Key, x => (RecordBase)x, StringComparer.Ordinal, cancellationToken);

    public override Task<bool> KeyExistsAsync(IncubatorDbContext db, string key, CancellationToken cancellationToken) =>
        db.Set<T>().AnyAsync(x => x.Key == key, cancellationToken);

    public override void Add(IncubatorDbContext db, RecordBase record) => db.Set<T>().Add((T)record);

    public override void Remove(IncubatorDbContext db, RecordBase record) => db.Set<T>().Remove((T)record);

    protected abstract IQueryable<T> WhereYear(IQueryable<T> query, int year);

    protected abstract IQueryable<T> WhereChoice(IQueryable<T> query, string code);

    /// <summary>Newest first, the id breaking ties so pages never overlap.</summary>
    protected abstract IOrderedQueryable<T> Newest(IQueryable<T> query);

    private IQueryable<T> Filtered(IncubatorDbContext db, RecordFilter filter)
    {
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        if (filter.Localities is { } localities)
        {
            query = query.WhereLocalityIn(x => x.Locality, localities);
        }

        if (filter.Year is { } year)
        {
            query = WhereYear(query, year);
        }

        if (!string.IsNullOrEmpty(filter.Choice))
        {
            query = WhereChoice(query, filter.Choice);
        }

        return query;
    }
}
