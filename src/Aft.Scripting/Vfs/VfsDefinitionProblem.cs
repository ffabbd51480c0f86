namespace Aft.Scripting.Vfs;

/// <summary>Why a VFS definition was refused: the field (<c>target</c>, <c>options.user</c>, <c>credentials.password</c>) and what to fix.</summary>
public sealed record VfsDefinitionProblem(string Field, string Message);
