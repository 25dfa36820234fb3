using System.Text;
using Incubator.Web.Features.Applications;
using Incubator.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Incubator.UnitTests.Applications;

public sealed class AttachmentStoreTests : IDisposable
{
    private const long Limit = 4096;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "incubator-attachments-" + Guid.NewGuid().ToString("N"));

    public AttachmentStoreTests() => System.IO.Directory.CreateDirectory(_root);

    private string Folder => Path.Combine(_root, "attachments");

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Should_store_under_a_generated_name_when_the_file_is_accepted()
    {
        var store = Store();

        var result = await store.SaveAsync(new MemoryStream(Samples.Docx), "Kế hoạch kinh doanh.docx");

        var stored = Assert.IsType<StoredAttachment>(result);
        Assert.Matches("^[0-9a-f]{32}\\.docx$", stored.StoredName);
        Assert.Equal(DocumentTypes.Docx.ContentType, stored.ContentType);
        Assert.Equal(Samples.Docx.Length, stored.Size);
        Assert.Equal("Kế hoạch kinh doanh.docx", stored.DisplayName);
        Assert.Equal([stored.StoredName], System.IO.Directory.GetFiles(Folder).Select(Path.GetFileName));
        Assert.Equal(Samples.Docx, await File.ReadAllBytesAsync(Path.Combine(Folder, stored.StoredName)));
    }

    [Fact]
    public async Task Should_name_the_stored_file_after_the_content_when_the_name_spells_it_otherwise()
    {
        var stored = Assert.IsType<StoredAttachment>(await Store().SaveAsync(new MemoryStream(Samples.Jpeg), "ẢNH.JPEG"));

        Assert.EndsWith(".jpg", stored.StoredName, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal("ẢNH.JPEG", stored.DisplayName);
    }

    [Fact]
    public async Task Should_store_a_form_file_when_it_is_uploaded()
    {
        using var body = new MemoryStream(Samples.Pdf);
        var file = new FormFile(body, 0, body.Length, "attachment", "C:\\Users\\Lan\\Documents\\Giấy chứng nhận.pdf");

        var stored = Assert.IsType<StoredAttachment>(await Store().SaveAsync(file));

        Assert.Equal("Giấy chứng nhận.pdf", stored.DisplayName);
        Assert.Equal("application/pdf", stored.ContentType);
    }

    [Fact]
    public async Task Should_accept_the_file_when_it_is_exactly_at_the_limit()
    {
        byte[] pdf = [.. Samples.Pdf, .. new byte[Limit - Samples.Pdf.Length]];

        var stored = Assert.IsType<StoredAttachment>(await Store().SaveAsync(new MemoryStream(pdf), "plan.pdf"));

        Assert.Equal(Limit, stored.Size);
    }

    [Fact]
    public async Task Should_refuse_as_too_large_when_the_stream_understates_its_length()
    {
        using var content = new LyingStream([.. Samples.Pdf, .. new byte[Limit * 100]], claimedLength: 10);

        var result = await Store().SaveAsync(content, "plan.pdf");

        Assert.Equal(AttachmentError.TooLarge, Assert.IsType<RefusedAttachment>(result).Error);
        Assert.Empty(System.IO.Directory.GetFiles(Folder));
        Assert.True(content.Position < content.RealLength, "the copy should stop soon after the limit instead of reading everything");
    }

    [Fact]
    public async Task Should_refuse_as_too_large_when_a_form_file_declares_more_than_the_limit()
    {
        using var body = new MemoryStream(Samples.Pdf);
        var file = new FormFile(body, 0, Limit + 1, "attachment", "plan.pdf");

        var result = await Store().SaveAsync(file);

        Assert.Equal(AttachmentError.TooLarge, Assert.IsType<RefusedAttachment>(result).Error);
    }

    [Theory]
    [InlineData("empty", "plan.pdf", AttachmentError.Empty)]
    [InlineData("random", "plan.pdf", AttachmentError.TypeNotAllowed)]
    [InlineData("zip", "plan.zip", AttachmentError.TypeNotAllowed)]
    [InlineData("zip", "plan.docx", AttachmentError.TypeNotAllowed)]
    [InlineData("pdf", "plan.docx", AttachmentError.ExtensionMismatch)]
    [InlineData("pdf", "plan", AttachmentError.ExtensionMismatch)]
    [InlineData("docx", "invoice\u202Excod.exe", AttachmentError.ExtensionMismatch)]
    public async Task Should_leave_no_file_behind_when_the_upload_is_refused(string kind, string fileName, AttachmentError error)
    {
        var result = await Store().SaveAsync(new MemoryStream(Samples.Get(kind)), fileName);

        var refused = Assert.IsType<RefusedAttachment>(result);
        Assert.Equal(error, refused.Error);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Empty(System.IO.Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task Should_leave_no_file_behind_when_the_upload_breaks_off()
    {
        using var content = new BrokenStream(Samples.Pdf);

        await Assert.ThrowsAsync<IOException>(() => Store().SaveAsync(content, "plan.pdf"));

        Assert.Empty(System.IO.Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task Should_leave_no_file_behind_when_the_upload_is_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store().SaveAsync(new MemoryStream(Samples.Pdf), "plan.pdf", cancellation.Token));

        Assert.Empty(System.IO.Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task Should_open_a_stored_file_with_its_detected_type()
    {
        var store = Store();
        var stored = Assert.IsType<StoredAttachment>(await store.SaveAsync(new MemoryStream(Samples.Ole), "Bảng tính cũ.xls"));

        var opened = store.Open(stored.StoredName);

        Assert.NotNull(opened);
        await using var content = opened.Value.Content;
        Assert.Equal("application/vnd.ms-excel", opened.Value.ContentType);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Samples.Ole, copy.ToArray());
    }

    [Theory]
    [InlineData("../secret.pdf")]
    [InlineData("..\\secret.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("notes.pdf")]
    [InlineData("0123456789abcdef0123456789abcdef.exe")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.pdf")]
    [InlineData("0123456789abcdef0123456789abcdef.pdf\n")]
    [InlineData("0123456789abcdef0123456789abcdef.pdf/../../secret.pdf")]
    [InlineData("0123456789abcdef0123456789abcdef.part")]
    [InlineData("")]
    [InlineData(null)]
    public void Should_refuse_to_open_or_delete_when_the_name_was_not_generated(string? name)
    {
        var store = Store();
        System.IO.Directory.CreateDirectory(Folder);
        File.WriteAllBytes(Path.Combine(_root, "secret.pdf"), Samples.Pdf);
        File.WriteAllBytes(Path.Combine(Folder, "notes.pdf"), Samples.Pdf);
        File.WriteAllBytes(Path.Combine(Folder, "0123456789abcdef0123456789abcdef.part"), Samples.Pdf);

        Assert.Null(store.Open(name));
        Assert.False(store.Delete(name));
        Assert.True(File.Exists(Path.Combine(_root, "secret.pdf")));
        Assert.True(File.Exists(Path.Combine(Folder, "notes.pdf")));
    }

    [Fact]
    public async Task Should_delete_a_stored_file_when_asked_by_its_name()
    {
        var store = Store();
        var stored = Assert.IsType<StoredAttachment>(await store.SaveAsync(new MemoryStream(Samples.Png), "logo.png"));

        Assert.True(store.Delete(stored.StoredName));

        Assert.Null(store.Open(stored.StoredName));
        Assert.False(store.Delete(stored.StoredName));
    }

    [Fact]
    public void Should_recognise_a_generated_name_when_it_carries_any_canonical_extension()
    {
        Assert.All(DocumentTypes.All, t => Assert.True(AttachmentStore.IsStoredName(Guid.CreateVersion7().ToString("N") + t.Extension), t.Extension));
    }

    [Theory]
    [InlineData("Kế hoạch kinh doanh.pdf", "Kế hoạch kinh doanh.pdf")]
    [InlineData("C:\\fakepath\\Báo cáo tài chính.xlsx", "Báo cáo tài chính.xlsx")]
    [InlineData("../../etc/Đơn đề nghị.docx", "Đơn đề nghị.docx")]
    [InlineData("bad\u0000na\r\nme\u202E.pdf", "badname.pdf")]
    [InlineData("a<b>:c|d?e*\"f.pdf", "a_b__c_d_e__f.pdf")]
    [InlineData("  many    spaces\u00A0here .pdf", "many spaces here.pdf")]
    [InlineData("..hidden.pdf", "hidden.pdf")]
    [InlineData("...", "attachment")]
    [InlineData(".pdf", "attachment.pdf")]
    [InlineData("plan.pdf.", "plan.pdf")]
    [InlineData("", "attachment")]
    [InlineData(null, "attachment")]
    [InlineData("../", "attachment")]
    public void Should_clean_the_display_name_when_it_comes_from_the_user(string? fileName, string expected)
    {
        Assert.Equal(expected, AttachmentStore.CleanDisplayName(fileName));
    }

    [Fact]
    public void Should_compose_vietnamese_letters_when_the_name_arrives_decomposed()
    {
        var decomposed = "Kế hoạch.pdf".Normalize(NormalizationForm.FormD);

        Assert.Equal("Kế hoạch.pdf".Normalize(NormalizationForm.FormC), AttachmentStore.CleanDisplayName(decomposed));
    }

    [Fact]
    public void Should_cap_the_display_name_and_keep_its_extension_when_it_is_long()
    {
        var name = AttachmentStore.CleanDisplayName(string.Concat(Enumerable.Repeat("Kế hoạch ", 40)) + "🚀🚀.docx");

        Assert.True(name.Length <= AttachmentStore.MaxDisplayNameLength, name);
        Assert.StartsWith("Kế hoạch Kế hoạch", name, StringComparison.Ordinal);
        Assert.EndsWith(".docx", name, StringComparison.Ordinal);
        Assert.DoesNotContain(" .docx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_not_split_a_character_when_the_cut_falls_inside_it()
    {
        // 115 letters and a two-unit emoji would need 117 of the 116 units left beside ".pdf".
        var letters = new string('a', AttachmentStore.MaxDisplayNameLength - 5);

        Assert.Equal(letters + ".pdf", AttachmentStore.CleanDisplayName(letters + "🚀🚀🚀.pdf"));
    }

    [Fact]
    public void Should_use_the_defaults_when_nothing_is_configured()
    {
        var store = new AttachmentStore(Options.Create(new AttachmentOptions()), new TestHostEnvironment(_root));

        Assert.Equal(Path.Combine(_root, "App_Data", "attachments"), store.Folder);
        Assert.Equal(10 * 1024 * 1024, store.MaxBytes);
    }

    [Theory]
    [InlineData("wwwroot")]
    [InlineData("wwwroot/attachments")]
    public void Should_refuse_to_start_when_the_folder_is_inside_the_web_root(string folder)
    {
        var result = new AttachmentOptionsValidator(new TestHostEnvironment(_root)).Validate(null, new AttachmentOptions { Folder = folder });

        Assert.True(result.Failed);
        Assert.StartsWith("Attachments:Folder must lie outside the web root", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_to_start_when_the_limit_is_not_positive()
    {
        var result = new AttachmentOptionsValidator(new TestHostEnvironment(_root)).Validate(null, new AttachmentOptions { MaxBytes = 0 });

        Assert.Equal("Attachments:MaxBytes must be a positive number of bytes, not 0.", result.FailureMessage);
    }

    [Fact]
    public void Should_have_a_vietnamese_translation_when_a_refusal_is_shown()
    {
        var vietnamese = JsonStringLocalizerFactory.Load()["vi"];

        Assert.All(Enum.GetValues<AttachmentError>(), e => Assert.True(vietnamese.ContainsKey(new RefusedAttachment(e).Message), e.ToString()));
    }

    private AttachmentStore Store(string folder = "attachments")
    {
        return new AttachmentStore(Options.Create(new AttachmentOptions { Folder = folder, MaxBytes = Limit }), new TestHostEnvironment(_root));
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Incubator.UnitTests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>A client can declare any length; this one claims far less than it sends.</summary>
    private sealed class LyingStream(byte[] content, long claimedLength) : MemoryStream(content, writable: false)
    {
        public long RealLength => base.Length;

        public override long Length => claimedLength;
    }

    /// <summary>A connection that drops after the first bytes.</summary>
    private sealed class BrokenStream(byte[] head) : MemoryStream(head, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The client disconnected.");
        }
    }
}
