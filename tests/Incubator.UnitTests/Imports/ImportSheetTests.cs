using System.Text;
using Incubator.Web.Features.Imports;
using Incubator.Web.Features.Taxonomies;

namespace Incubator.UnitTests.Imports;

public sealed class ImportSheetTests
{
    private static readonly ImportColumn[] Columns =
    [
        new("FullName", "Full name", true, "Họ và tên", "Full name"),
        new("Emails", "E-mails", false, "Email", "E-mails"),
    ];

    [Fact]
    public void Should_read_semicolons_and_skip_the_byte_order_mark_when_excel_saved_the_csv_with_vietnamese_settings()
    {
        var sheet = ImportSheet.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Họ và tên;Email\r\nAn;\"a@x.vn; b@x.vn\"\r\n")], xlsx: false, maxRows: 10);

        Assert.Equal(SheetProblem.None, sheet.Problem);
        Assert.Equal(["Họ và tên", "Email"], sheet.Headers);
        Assert.Equal(["An", "a@x.vn; b@x.vn"], sheet.Rows.Single().Cells);
    }

    [Fact]
    public void Should_keep_the_spreadsheet_row_numbers_when_blank_rows_are_left_out()
    {
        var sheet = ImportSheet.Read(Encoding.UTF8.GetBytes("Full name,Email\n,\nAn,a@x.vn\n\nBình,b@x.vn\n"), xlsx: false, maxRows: 10);

        Assert.Equal([3, 5], sheet.Rows.Select(r => r.Number));
    }

    [Fact]
    public void Should_say_what_is_wrong_when_the_file_is_broken_not_utf8_empty_or_too_long()
    {
        Assert.Equal(SheetProblem.Broken, ImportSheet.Read(Encoding.UTF8.GetBytes("Full name\nA\"n\"x,\n"), xlsx: false, maxRows: 10).Problem);
        Assert.Equal(SheetProblem.NotUtf8, ImportSheet.Read([(byte)'A', 0xC0, (byte)'\n'], xlsx: false, maxRows: 10).Problem);
        Assert.Equal(SheetProblem.Empty, ImportSheet.Read(Encoding.UTF8.GetBytes("Full name\n"), xlsx: false, maxRows: 10).Problem);
        Assert.Equal(SheetProblem.TooManyRows, ImportSheet.Read(Encoding.UTF8.GetBytes("Full name\nA\nB\nC\n"), xlsx: false, maxRows: 2).Problem);
        Assert.Equal(SheetProblem.None, ImportSheet.Read(Encoding.UTF8.GetBytes("Full name\nA\nB\n"), xlsx: false, maxRows: 2).Problem);
        Assert.Equal(SheetProblem.Broken, ImportSheet.Read(Encoding.UTF8.GetBytes("not a zip"), xlsx: true, maxRows: 10).Problem);
    }

    [Fact]
    public void Should_map_headers_without_case_accents_or_punctuation_and_name_the_others_when_the_columns_are_read()
    {
        var (cells, ignored, twice) = ImportColumn.Map(Columns, ["HO VA TEN", "Ghi chú", "e-mail"]);
        var (_, _, again) = ImportColumn.Map(Columns, ["Họ và tên", "Full name"]);

        Assert.Equal(new Dictionary<string, int> { ["FullName"] = 0, ["Emails"] = 2 }, cells);
        Assert.Equal(["Ghi chú"], ignored);
        Assert.Empty(twice);
        Assert.Equal("FullName", again.Single().Field);
    }

    [Theory]
    [InlineData("'+84 912 345 678", "+84 912 345 678")]
    [InlineData("'=1+2", "=1+2")]
    [InlineData("'tên", "'tên")]
    [InlineData("  Nguyễn  ", "Nguyễn")]
    public void Should_read_a_cell_as_written_when_a_csv_export_defused_it(string cell, string expected) =>
        Assert.Equal(expected, ImportColumn.Cell(cell));

    [Fact]
    public void Should_find_a_locality_by_code_or_by_name_without_its_level_and_refuse_a_shared_name()
    {
        var terms = new ImportTerms(
        [
            new TaxonomyTerm { Taxonomy = TaxonomyTerm.Localities, Code = "cao-bang", NameVi = "Tỉnh Cao Bằng", NameEn = "Cao Bang province" },
            new TaxonomyTerm { Taxonomy = TaxonomyTerm.Localities, Code = "a.hoa-an", NameVi = "Xã Hòa An" },
            new TaxonomyTerm { Taxonomy = TaxonomyTerm.Localities, Code = "b.hoa-an", NameVi = "Phường Hòa An" },
        ]);

        Assert.Equal((TermMatch.Found, "cao-bang"), terms.Find("cao bằng"));
        Assert.Equal((TermMatch.Found, "cao-bang"), terms.Find("CAO-BANG"));
        Assert.Equal((TermMatch.Found, "cao-bang"), terms.Find("Tỉnh Cao Bằng"));
        Assert.Equal((TermMatch.Found, "a.hoa-an"), terms.Find("Xã Hòa An"));
        Assert.Equal(TermMatch.Ambiguous, terms.Find("Hòa An").Match);
        Assert.Equal(TermMatch.Unknown, terms.Find("Hà Nội").Match);
    }
}
