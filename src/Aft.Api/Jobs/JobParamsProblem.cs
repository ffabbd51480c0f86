namespace Aft.Api.Jobs;

/// <summary>Why job parameters were refused: the item or key to blame (<c>params[1].valu</c>) and what is wrong with it.</summary>
public sealed record JobParamsProblem(string Field, string Message);
