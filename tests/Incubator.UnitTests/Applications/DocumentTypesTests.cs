using Incubator.Web.Features.Applications;

namespace Incubator.UnitTests.Applications;

public sealed class DocumentTypesTests
{
    [Theory]
    [InlineData("pdf", "Kế hoạch kinh doanh.pdf", ".pdf", "application/pdf")]
    [InlineData("png", "ảnh.png", ".png", "image/png")]
    [InlineData("jpeg", "photo.jpg", ".jpg", "image/jpeg")]
    [InlineData("jpeg", "photo.jpeg", ".jpg", "image/jpeg")]
    [InlineData("jpeg", "PHOTO.JPEG", ".jpg", "image/jpeg")]
    [InlineData("docx", "plan.docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "budget.xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("pptx", "pitch.pptx", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("odt", "plan.odt", ".odt", "application/vnd.oasis.opendocument.text")]
    [InlineData("ods", "budget.ods", ".ods", "application/vnd.oasis.opendocument.spreadsheet")]
    [InlineData("ole", "old plan.doc", ".doc", "application/msword")]
    [InlineData("ole", "old budget.xls", ".xls", "application/vnd.ms-excel")]
    public void Should_give_the_canonical_type_when_content_and_name_agree(string kind, string fileName, string extension, string contentType)
    {
        var type = Identify(Samples.Get(kind), fileName);

        Assert.Equal(new DocumentType(extension, contentType), type);
    }

    [Theory]
    [InlineData("pdf", "plan.docx")]
    [InlineData("pdf", "plan")]
    [InlineData("pdf", "plan.pdf.exe")]
    [InlineData("png", "photo.jpg")]
    [InlineData("docx", "plan.xlsx")]
    [InlineData("docx", "plan.zip")]
    [InlineData("odt", "plan.docx")]
    [InlineData("ole", "slides.ppt")]
    [InlineData("ole", "mail.msg")]
    public void Should_refuse_when_the_name_claims_another_type(string kind, string fileName)
    {
        var family = Detect(Samples.Get(kind));

        Assert.NotNull(family);
        Assert.Null(DocumentTypes.Resolve(family.Value, fileName));
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("random")]
    [InlineData("empty")]
    public void Should_refuse_when_the_content_is_no_accepted_document(string kind)
    {
        Assert.Null(Detect(Samples.Get(kind)));
    }

    [Fact]
    public void Should_refuse_when_an_office_file_carries_macros()
    {
        Assert.Null(Detect(Samples.OfficeOpenXml("word/document.xml", "word/vbaProject.bin")));
    }

    [Fact]
    public void Should_refuse_when_an_archive_mixes_office_formats()
    {
        Assert.Null(Detect(Samples.OfficeOpenXml("word/document.xml", "xl/workbook.xml")));
    }

    [Fact]
    public void Should_refuse_when_word_parts_come_without_content_types()
    {
        Assert.Null(Detect(Samples.Zip(("word/document.xml", "<w/>"))));
    }

    [Fact]
    public void Should_refuse_when_an_archive_is_both_opendocument_and_office()
    {
        Assert.Null(Detect(Samples.Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>"))));
    }

    [Theory]
    [InlineData("application/vnd.oasis.opendocument.presentation")]
    [InlineData("application/vnd.oasis.opendocument.text-template")]
    [InlineData("application/vnd.oasis.opendocument.text\n")]
    [InlineData("application/epub+zip")]
    public void Should_refuse_when_the_opendocument_mimetype_is_another(string mimetype)
    {
        Assert.Null(Detect(Samples.OpenDocument(mimetype)));
    }

    [Fact]
    public void Should_refuse_without_reading_when_a_mimetype_entry_is_long()
    {
        Assert.Null(Detect(Samples.OpenDocument("application/vnd.oasis.opendocument.text" + new string(' ', 10_000))));
    }

    [Fact]
    public void Should_refuse_when_an_archive_has_more_entries_than_the_cap()
    {
        var parts = Enumerable.Range(0, DocumentTypes.MaxZipEntries).Select(i => $"word/media/image{i}.png").Append("word/document.xml").ToArray();

        Assert.Null(Detect(Samples.OfficeOpenXml(parts)));
    }

    [Fact]
    public void Should_refuse_when_an_archive_is_damaged()
    {
        var docx = Samples.Docx;

        Assert.Null(Detect(docx[..(docx.Length / 2)]));
        Assert.Null(Detect([0x50, 0x4B, 0x03, 0x04, .. Samples.Random]));
    }

    [Fact]
    public void Should_refuse_an_archive_when_no_seekable_stream_is_given()
    {
        var docx = Samples.Docx;

        Assert.Null(DocumentTypes.Detect(docx.AsSpan(0, DocumentTypes.HeadLength), null));
    }

    [Fact]
    public void Should_leave_the_stream_at_its_start_when_an_archive_was_listed()
    {
        using var content = new MemoryStream(Samples.Xlsx);
        content.Position = 17;

        Assert.Equal(DocumentFamily.Xlsx, DocumentTypes.Detect(Samples.Xlsx.AsSpan(0, DocumentTypes.HeadLength), content));
        Assert.Equal(0, content.Position);
        Assert.True(content.CanRead);
    }

    [Fact]
    public void Should_find_every_canonical_type_by_its_extension()
    {
        Assert.Equal(10, DocumentTypes.All.Count);
        Assert.All(DocumentTypes.All, t => Assert.Same(t, DocumentTypes.FromExtension(t.Extension)));
        Assert.Null(DocumentTypes.FromExtension(".jpeg"));
        Assert.Null(DocumentTypes.FromExtension(".exe"));
    }

    private static DocumentFamily? Detect(byte[] file)
    {
        using var content = new MemoryStream(file, writable: false);
        return DocumentTypes.Detect(file.AsSpan(0, Math.Min(file.Length, DocumentTypes.HeadLength)), content);
    }

    private static DocumentType? Identify(byte[] file, string fileName) =>
        Detect(file) is { } family ? DocumentTypes.Resolve(family, fileName) : null;
}
