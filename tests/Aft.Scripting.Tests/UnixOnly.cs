// The tests use Unix permissions and symbolic links on real files.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
