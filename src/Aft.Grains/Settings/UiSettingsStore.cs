using Aft.Grains.Storage;

namespace Aft.Grains.Settings;

/// <summary>The stored <see cref="UiSettings"/>.</summary>
public sealed class UiSettingsStore(AppDatabase database, TimeProvider clock) : StoredSettings<UiSettings>(database, clock, "ui");
