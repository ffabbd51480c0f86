// The server fixtures run Unix servers as root: they set Unix file modes and look at /proc.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
