namespace Aft.Silo;

/// <summary>
/// A start-up failure with a known cause (port taken, data dir in use, certificate or store unreadable), found before
/// anything is started. Its message is one line that names what is wrong and how to fix it; <c>aft serve</c> prints
/// it instead of a stack trace.
/// </summary>
public sealed class ServiceStartException(string message) : Exception(message);
