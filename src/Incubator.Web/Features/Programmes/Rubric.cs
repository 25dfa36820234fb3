using System.Text.RegularExpressions;

namespace Incubator.Web.Features.Programmes;

/// <summary>A programme's scoring rubric: criteria with their maximum points, the pass mark and the council's rules.</summary>
internal sealed partial record Rubric(decimal PassMark, IReadOnlyList<RubricCriterion> Criteria, ConsolidationRules? Rules = null)
{
    /// <summary>The rules in force: the programme's, or the defaults of Circular 20/2023/TT-BKHCN.</summary>
    public ConsolidationRules EffectiveRules => Rules ?? ConsolidationRules.Default;

    /// <summary>Every problem with a rubric, in document order; empty when it is valid.</summary>
    public IReadOnlyList<ScoringError> Validate()
    {
        var errors = new List<ScoringError>();

        if (PassMark is < 0 or > 100)
        {
            errors.Add(new("rubric.passMark", "The pass mark must be between 0 and 100, not {0}.", PassMark));
        }

        if (Criteria is null || Criteria.Count == 0)
        {
            errors.Add(new("rubric.criteria", "At least one criterion is required."));
        }
        else
        {
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Criteria.Count; i++)
            {
                var path = $"rubric.criteria[{i}]";
                var criterion = Criteria[i];
                if (criterion is null)
                {
                    errors.Add(new(path, "A criterion is required here."));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(criterion.Key))
                {
                    errors.Add(new($"{path}.key", "A key is required."));
                }
                else if (!KeyFormat().IsMatch(criterion.Key))
                {
                    errors.Add(new($"{path}.key", "The key \"{0}\" may only hold lower-case letters and digits, with single dashes between them.", criterion.Key));
                }
                else if (!firstIndex.TryAdd(criterion.Key, i))
                {
                    errors.Add(new($"{path}.key", "The key \"{0}\" is already used by rubric.criteria[{1}].", criterion.Key, firstIndex[criterion.Key]));
                }

                if (string.IsNullOrWhiteSpace(criterion.Label?.Vi))
                {
                    errors.Add(new($"{path}.label.vi", "A Vietnamese label is required."));
                }

                if (criterion.MaxPoints < 1)
                {
                    errors.Add(new($"{path}.maxPoints", "The maximum points must be at least 1, not {0}.", criterion.MaxPoints));
                }
            }
        }

        var rules = EffectiveRules;
        if (rules.HundredPointScale && Criteria is { Count: > 0 } && Criteria.All(c => c is not null))
        {
            var total = Criteria.Sum(c => (long)c.MaxPoints);
            if (total != 100)
            {
                errors.Add(new("rubric.criteria", "On the 100-point scale the criteria's maximum points must add up to 100, not {0}.", total));
            }
        }

        foreach (var (name, share) in new[] { ("outlierShare", rules.OutlierShare), ("zeroVetoShare", rules.ZeroVetoShare) })
        {
            if (share is < 0 or > 1)
            {
                errors.Add(new($"rubric.rules.{name}", "The share must be between 0 and 1, not {0}.", share));
            }
        }

        return errors;
    }

    [GeneratedRegex(@"\A[a-z0-9]+(?:-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();
}
