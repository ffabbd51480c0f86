using Aft.Scripting.Vfs.Ftp.Client;

namespace Aft.Scripting.Tests.Vfs.Ftp;

/// <summary>The listing parsers on lines as vsftpd, proftpd and IIS send them.</summary>
public sealed class FtpListingParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("-rw-r--r--    1 1001     0               6 Jan 05  2024 hello.txt", "hello.txt", 6L, "2024-01-05T00:00:00", 0x1A4)]
    [InlineData("-rw-r--r--   1 aft-test 0               6 Jan  5  2024 hello.txt", "hello.txt", 6L, "2024-01-05T00:00:00", 0x1A4)]
    [InlineData("-rw-r--r--    1 1001     0               3 Nov 25 01:09 grüße & co.txt", "grüße & co.txt", 3L, "2026-11-25T01:09:00", 0x1A4)]
    [InlineData("-rwsr-x---    1 ftp ftp 1234567890123 Dec 31 23:59 big  two spaces", "big  two spaces", 1234567890123L, "2025-12-31T23:59:00", 0x9E8)]
    [InlineData("-rw-r--r-- 1 owner 77 Feb 29 2024 no-group.bin", "no-group.bin", 77L, "2024-02-29T00:00:00", 0x1A4)]
    public void Unix_file_lines_give_name_size_time_and_mode(string line, string name, long size, string time, int mode)
    {
        var item = FtpListParser.Parse(line, Now)!;

        Assert.Equal((name, FtpItemKind.File, size, DateTimeOffset.Parse(time + "Z"), mode), (item.Name, item.Kind, item.Size, item.Modified!.Value, item.Mode!.Value));
    }

    [Fact]
    public void Unix_directories_and_links_are_told_apart_and_a_link_keeps_its_target()
    {
        var folder = FtpListParser.Parse("drwxr-xr-x    2 1001     0            4096 Nov 25 01:09 Ordner mit Leerzeichen", Now)!;
        var link = FtpListParser.Parse("lrwxrwxrwx    1 1001     0               9 Nov 25 01:09 link -> hello.txt", Now)!;

        Assert.Equal(("Ordner mit Leerzeichen", FtpItemKind.Directory, 0L), (folder.Name, folder.Kind, folder.Size));
        Assert.Equal(("link", FtpItemKind.Link, "hello.txt", 0L), (link.Name, link.Kind, link.LinkTarget, link.Size));
    }

    [Theory]
    [InlineData("total 12")]
    [InlineData("drwxr-xr-x    2 1001     0            4096 Nov 25 01:09 .")]
    [InlineData("drwxr-xr-x    5 1001     0            4096 Nov 25 01:09 ..")]
    [InlineData("not a listing line")]
    public void Totals_dot_entries_and_noise_are_skipped(string line) => Assert.Null(FtpListParser.Parse(line, Now));

    [Fact]
    public void A_time_without_a_year_that_would_lie_ahead_is_last_year()
    {
        var item = FtpListParser.Parse("-rw-r--r--    1 0 0 1 Dec 24 18:00 gift.txt", Now)!;

        Assert.Equal(new DateTimeOffset(2025, 12, 24, 18, 0, 0, TimeSpan.Zero), item.Modified);
    }

    [Theory]
    [InlineData("04-12-26  03:03PM       <DIR>          name", "name", FtpItemKind.Directory, 0L, "2026-04-12T15:03:00")]
    [InlineData("04-12-26  03:03PM                 1234 name with spaces.txt", "name with spaces.txt", FtpItemKind.File, 1234L, "2026-04-12T15:03:00")]
    [InlineData("02-05-21  10:28AM                  689 iisstart.htm", "iisstart.htm", FtpItemKind.File, 689L, "2021-02-05T10:28:00")]
    [InlineData("12-31-2025  23:59       <DIR>          Archiv 2025", "Archiv 2025", FtpItemKind.Directory, 0L, "2025-12-31T23:59:00")]
    public void Dos_and_IIS_lines_are_read(string line, string name, FtpItemKind kind, long size, string time)
    {
        var item = FtpListParser.Parse(line, Now)!;

        Assert.Equal((name, kind, size, DateTimeOffset.Parse(time + "Z")), (item.Name, item.Kind, item.Size, item.Modified!.Value));
    }

    [Fact]
    public void Mlsd_lines_give_type_size_time_and_mode_and_names_with_spaces_and_semicolons()
    {
        var file = FtpMlsdParser.Parse("modify=20240105100000;perm=adfrw;size=6;type=file;unique=FE00UB1E048;UNIX.group=0;UNIX.groupname=1001;UNIX.mode=0644;UNIX.owner=1001;UNIX.ownername=aft-test; hello; world.txt")!;
        var folder = FtpMlsdParser.Parse("modify=20261125010953;perm=flcdmpe;type=dir;unique=FE00UB1E045;UNIX.group=0;UNIX.groupname=1001;UNIX.mode=0755;UNIX.owner=1001;UNIX.ownername=aft-test; Ordner mit Leerzeichen")!;
        var link = FtpMlsdParser.Parse("modify=20261125010953;perm=adfrw;size=9;type=OS.unix=symlink;unique=FE00UB1E048;UNIX.mode=0777; link")!;
        var rfcLink = FtpMlsdParser.Parse("type=OS.unix=slink:/srv/target;size=9; other")!;

        Assert.Equal(("hello; world.txt", FtpItemKind.File, 6L, new DateTimeOffset(2024, 1, 5, 10, 0, 0, TimeSpan.Zero), 0x1A4),
            (file.Name, file.Kind, file.Size, file.Modified!.Value, file.Mode!.Value));
        Assert.Equal(("Ordner mit Leerzeichen", FtpItemKind.Directory, 0L, 0x1ED), (folder.Name, folder.Kind, folder.Size, folder.Mode!.Value));
        Assert.Equal((FtpItemKind.Link, 0L), (link.Kind, link.Size));
        Assert.Equal((FtpItemKind.Link, "/srv/target"), (rfcLink.Kind, rfcLink.LinkTarget));
    }

    [Theory]
    [InlineData("modify=20261125010953;perm=flcdmpe;type=cdir;unique=FE00UB1E0B1;UNIX.mode=0755; .")]
    [InlineData("modify=20261125010953;perm=flcdmpe;type=pdir;unique=FE00UB1E0B1;UNIX.mode=0755; ..")]
    [InlineData("size=3;modify=20261125010953; no-type")]
    public void Mlsd_skips_the_directory_itself_its_parent_and_lines_without_a_type(string line) => Assert.Null(FtpMlsdParser.Parse(line));

    [Fact]
    public void An_MLST_reply_of_the_current_directory_describes_a_directory()
    {
        var item = FtpMlsdParser.ParseFacts("modify=20261125010953;perm=flcdmpe;type=cdir;UNIX.mode=0755; /t1")!;

        Assert.Equal(("/t1", FtpItemKind.Directory), (item.Name, item.Kind));
    }

    [Fact]
    public void Times_with_fractions_are_kept_to_the_millisecond() =>
        Assert.Equal(new DateTimeOffset(2026, 1, 25, 15, 30, 0, 250, TimeSpan.Zero), FtpMlsdParser.ParseTime("20260125153000.250"));

    [Fact]
    public void Feat_lists_the_features_with_their_arguments()
    {
        var features = FtpFeatures.Parse(new FtpReply(211,
        [
            "211-Features:", " AUTH TLS", " EPSV", " MDTM", " MLST modify*;perm*;size*;type*;unique*;UNIX.mode*;", " REST STREAM", " SIZE", " UTF8", "211 End",
        ]));

        Assert.True(features.Mlst && features.Utf8 && features.Has("rest") && features.Has("Size"));
        Assert.False(features.Has("STREAM"));
        Assert.False(FtpFeatures.Parse(new FtpReply(211, ["211-Features:", " EPRT", " PASV", " SIZE", "211 End"])).Mlst);
    }
}
