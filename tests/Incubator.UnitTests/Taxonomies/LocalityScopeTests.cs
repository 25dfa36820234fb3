using Incubator.Web.Features.Taxonomies;

namespace Incubator.UnitTests.Taxonomies;

public sealed class LocalityScopeTests
{
    // The commune's code shares nothing with its district's: the tree, not the codes' shape, says where it lies.
    private static readonly LocalityScope Tree = new(
    [
        new TaxonomyTerm { Code = "p" },
        new TaxonomyTerm { Code = "p.d1", ParentCode = "p" },
        new TaxonomyTerm { Code = "c1", ParentCode = "p.d1" },
        new TaxonomyTerm { Code = "p.d2", ParentCode = "p" },
        new TaxonomyTerm { Code = "p.d2.c2", ParentCode = "p.d2" },
        new TaxonomyTerm { Code = "q" },
    ]);

    [Theory]
    [InlineData("p", "p,p.d1,p.d2,c1,p.d2.c2")]
    [InlineData("p.d1", "p.d1,c1")]
    [InlineData("c1", "c1")]
    [InlineData("q", "q")]
    [InlineData("unknown", "unknown")]
    public void Should_take_the_code_and_all_beneath_it_when_a_locality_is_scoped(string code, string expected) =>
        Assert.Equal(expected.Split(','), Tree.Within(code));

    [Theory]
    [InlineData("p", "c1", true)]
    [InlineData("p.d1", "c1", true)]
    [InlineData("c1", "c1", true)]
    [InlineData("p.d2", "c1", false)]
    [InlineData("q", "c1", false)]
    [InlineData("p", null, false)]
    public void Should_place_a_commune_in_its_district_and_province_only_when_asked_whether_a_scope_contains_it(string scope, string? code, bool expected) =>
        Assert.Equal(expected, Tree.Contains(scope, code));

    [Fact]
    public void Should_name_the_top_of_the_branch_as_province_and_roll_counts_up_when_asked()
    {
        Assert.Equal("p", Tree.Province("c1"));
        Assert.Equal("unknown", Tree.Province("unknown"));
        Assert.Null(Tree.Province(null));
        var rolled = Tree.RollUp(new Dictionary<string, int> { ["c1"] = 2, ["p.d2.c2"] = 1, ["q"] = 4 });
        Assert.Equal(3, rolled["p"]);
        Assert.Equal(2, rolled["p.d1"]);
        Assert.Equal(1, rolled["p.d2"]);
        Assert.Equal(4, rolled["q"]);
    }

    [Fact]
    public void Should_stop_when_a_hand_edited_tree_holds_a_cycle()
    {
        var cyclic = new LocalityScope([new TaxonomyTerm { Code = "a", ParentCode = "b" }, new TaxonomyTerm { Code = "b", ParentCode = "a" }]);
        Assert.Equal(["a", "b"], cyclic.Within("a"));
        Assert.Equal(["a", "b"], cyclic.Ancestry("a"));
    }
}
