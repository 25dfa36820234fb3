using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incubator.Web.Features.Workflows;

/// <summary>
/// A day off besides the weekend, which working-day timers skip. Set by the recipe step "Holidays" and by staff on
/// /admin/workflows/calendar; the date is the key because a day is either off or not, whatever it is called.
/// </summary>
internal sealed class Holiday
{
    public const int NameMaxLength = 200;

    public DateOnly Date { get; set; }
    public string Name { get; set; } = string.Empty;
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("Holidays");
        builder.HasKey(x => x.Date);
        builder.Property(x => x.Date).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(Holiday.NameMaxLength).IsRequired();
    }
}
