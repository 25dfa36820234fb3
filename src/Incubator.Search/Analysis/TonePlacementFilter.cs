using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Incubator.Search.Analysis;

/// <summary>Gives every exact term one tone placement (<see cref="TonePlacement"/>), in the term's own buffer.</summary>
internal sealed class TonePlacementFilter : TokenFilter
{
    private readonly ICharTermAttribute termAttribute;

    public TonePlacementFilter(TokenStream input)
        : base(input)
    {
        termAttribute = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        TonePlacement.Normalise(termAttribute.Buffer.AsSpan(0, termAttribute.Length));
        return true;
    }
}
