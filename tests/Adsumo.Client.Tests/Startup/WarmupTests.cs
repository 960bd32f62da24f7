namespace Adsumo.Client.Tests.Startup;

public sealed class WarmupTests
{
    [Fact]
    public void The_warm_up_runs_a_first_call_end_to_end_from_memory()
    {
        // The module runs it in the background at import and swallows its failures: a failure here would go unseen
        // there, and only the first call would be slower.
        var failure = Record.Exception(Warmup.Prepare);

        Assert.Null(failure);
    }
}
