using Incubator.Web.Infrastructure.Storage;

namespace Incubator.UnitTests.Infrastructure;

public sealed class DurableFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("durable-").FullName;

    [Fact]
    public async Task Should_give_the_name_only_to_a_complete_file()
    {
        var path = Path.Combine(_folder, "a.bin");
        await DurableFile.WriteAsync(path, output => output.WriteAsync(new byte[] { 1, 2, 3 }).AsTask());

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
        Assert.Equal(["a.bin"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Should_leave_nothing_when_the_write_fails()
    {
        var path = Path.Combine(_folder, "b.bin");
        await Assert.ThrowsAsync<IOException>(() => DurableFile.WriteAsync(path, async output =>
        {
            await output.WriteAsync(new byte[] { 1 });
            throw new IOException("disk gone");
        }));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
