using System.Text;
using Incubator.Web.Features.Shared;

namespace Incubator.UnitTests.Shared;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void Should_prefix_an_apostrophe_when_a_cell_starts_like_a_formula(string value, string expected) =>
        Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Should_prefix_and_quote_when_a_cell_starts_with_a_carriage_return() =>
        Assert.Equal("\"'\r=HYPERLINK(\"\"http://x\"\")\"", Csv.Cell("\r=HYPERLINK(\"http://x\")"));

    [Fact]
    public void Should_quote_and_double_the_quotes_when_a_formula_cell_holds_a_separator() =>
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\"", Csv.Cell("=HYPERLINK(\"http://evil.example\",\"Bấm\")"));

    [Theory]
    [InlineData("Công ty Đổi Mới", "Công ty Đổi Mới")]
    [InlineData("1500000", "1500000")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =not a formula start", " =not a formula start")]
    [InlineData("", "")]
    public void Should_leave_a_cell_as_written_when_it_does_not_start_like_a_formula(string value, string expected) =>
        Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Should_write_an_empty_cell_when_the_value_is_null() => Assert.Equal(string.Empty, Csv.Cell(null));

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line 1\nline 2", "\"line 1\nline 2\"")]
    public void Should_quote_when_a_cell_holds_a_comma_a_quote_or_a_line_break(string value, string expected) =>
        Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Should_start_with_a_utf8_byte_order_mark_and_end_rows_with_crlf_when_writing_a_document()
    {
        var bytes = Csv.Write([["Tên", "Số tiền"], ["Đổi Mới", "=2*3"]]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("Tên,Số tiền\r\nĐổi Mới,'=2*3\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
