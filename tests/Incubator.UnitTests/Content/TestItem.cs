using Incubator.Core.Content;

namespace Incubator.UnitTests.Content;

internal sealed class TestItem : ContentItem
{
    public override string ContentType => "test";

    public List<string> Tags { get; set; } = [];

    protected override void CopyCollectionsInto(ContentItem clone)
    {
        ((TestItem)clone).Tags = [.. Tags];
    }
}
