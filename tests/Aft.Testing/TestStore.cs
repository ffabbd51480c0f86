namespace Aft.Testing;

/// <summary>
/// Which store the suites' nodes run on: the embedded SQLite, or PostgreSQL when the environment variable
/// <see cref="Variable"/> is <c>Postgres</c> (tests/run.sh runs the store-backed suites both ways). A test that only
/// makes sense on one store, or that makes a store of its own kind whatever the variable says, carries the trait
/// <see cref="Trait"/> with that store's name (<see cref="Sqlite"/> or <see cref="Postgres"/>), and the second run
/// leaves it out.
/// </summary>
public static class TestStore
{
    public const string Variable = "AFT_TEST_STORE";
    public const string Trait = "Store";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static bool OnPostgres => Environment.GetEnvironmentVariable(Variable) == Postgres;
}
