using System.Globalization;
using System.Text.RegularExpressions;

namespace Aft.Silo.Tests;

/// <summary>The samples of a Prometheus text exposition: name, labels and value of each line that is not a comment.</summary>
public sealed partial class PrometheusText(IReadOnlyList<PrometheusText.Sample> samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples => samples;

    public static PrometheusText Parse(string text) => new([.. text.Split('\n')
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => SampleLine().Match(line))
        .Where(match => match.Success)
        .Select(match => new Sample(
            match.Groups["name"].Value,
            LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(pair => pair.Groups[1].Value, pair => pair.Groups[2].Value),
            double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)))]);

    /// <summary>The value of the one sample of <paramref name="name"/> that has all of <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels) =>
        samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Name) == label.Value))
            .Select(sample => (double?)sample.Value).SingleOrDefault();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"""")]
    private static partial Regex LabelPair();
}
