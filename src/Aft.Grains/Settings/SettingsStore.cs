using Aft.Grains.Storage;

namespace Aft.Grains.Settings;

/// <summary>The stored <see cref="AftSettings"/>: what jobs may do.</summary>
public sealed class SettingsStore(AppDatabase database, TimeProvider clock) : StoredSettings<AftSettings>(database, clock, "settings");
