using System.Text;
using Lucine.Domain.Tests.Sessions;

namespace Lucine.Domain.Tests.Attachments;

/// <summary>What a file is (from its bytes), the name it keeps, and how many a session or a ticket may receive.</summary>
[Trait("Category", Layer.Unit)]
public sealed class AttachmentRulesTests
{
    private static readonly AttachmentPolicy Policy = new(MaxBytes: 100, BudgetBytes: 250, MaxCount: 3, PerMinute: 2);

    private static Attachment File(long size, string id = "abcdefghij012345") => new(id, "foto.jpg", AttachmentContent.Jpeg, size);

    public static TheoryData<string, string> Accepted => new()
    {
        { "FF D8 FF E0 00 10 4A 46 49 46 00 01", AttachmentContent.Jpeg },
        { "89 50 4E 47 0D 0A 1A 0A 00 00 00 0D", AttachmentContent.Png },
        { "52 49 46 46 24 00 00 00 57 45 42 50 56 50 38 20", AttachmentContent.WebP },
        { "25 50 44 46 2D 31 2E 37 0A", AttachmentContent.Pdf },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_type_is_found_from_the_first_bytes(string hex, string expected)
    {
        var verdict = AttachmentContent.Recognise(Convert.FromHexString(hex.Replace(" ", "")), out var type);

        Assert.Equal((ContentVerdict.Accepted, expected), (verdict, type));
    }

    [Theory]
    [InlineData("heic")]
    [InlineData("mif1")]
    [InlineData("heix")]
    public void A_heic_or_heif_file_is_recognised_by_its_ftyp_brand(string brand)
    {
        var head = new byte[] { 0, 0, 0, 0x18 }.Concat(Encoding.ASCII.GetBytes("ftyp" + brand)).Concat(new byte[8]).ToArray();

        Assert.Equal(ContentVerdict.Heic, AttachmentContent.Recognise(head, out var type));
        Assert.Null(type);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><script>alert(1)</script>")]
    [InlineData("GIF89a\u0001\u0000")]
    [InlineData("RIFF\u0000\u0000\u0000\u0000WAVEfmt ")]
    [InlineData("%PD")]
    [InlineData("")]
    public void Anything_else_is_unsupported_whatever_it_is_called(string content)
    {
        Assert.Equal(ContentVerdict.Unsupported, AttachmentContent.Recognise(Encoding.Latin1.GetBytes(content), out _));
    }

    [Theory]
    [InlineData("foto.jpg", "foto.jpg")]
    [InlineData("C:\\fakepath\\ricevuta.pdf", "ricevuta.pdf")]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("a<b>:\"c\"|?*.png", "a_b___c____.png")]
    [InlineData("riga\nnuova.png", "riga_nuova.png")]
    [InlineData("", "file.jpg")]
    [InlineData("...", "file.jpg")]
    [InlineData("senza estensione", "senza estensione.jpg")]
    [InlineData(" biglietto QR 🎄.jpeg ", "biglietto QR 🎄.jpeg")]
    public void A_name_is_plain_text_without_folders_and_keeps_its_extension(string given, string expected)
    {
        Assert.Equal(expected, AttachmentNames.Sanitise(given, AttachmentContent.Jpeg));
    }

    [Fact]
    public void A_long_name_is_cut_before_its_extension()
    {
        var name = AttachmentNames.Sanitise(new string('x', 300) + ".pdf", AttachmentContent.Pdf);

        Assert.Equal(AttachmentNames.MaxLength, name.Length);
        Assert.EndsWith("x.pdf", name);
    }

    [Fact]
    public void A_cut_never_leaves_half_a_character()
    {
        var name = AttachmentNames.Sanitise(new string('a', 95) + "🎄🎄🎄.png", AttachmentContent.Png);

        Assert.True(PlainText.IsAcceptable(name));
        Assert.True(name.Length <= AttachmentNames.MaxLength);
    }

    [Fact]
    public void The_budget_counts_bytes_and_files_and_refuses_what_would_pass_it()
    {
        var now = Scenario.T0;
        var used = AttachmentPolicy.Count(null, File(100), now);
        used = AttachmentPolicy.Count(used, File(100), now.AddMinutes(2));

        Assert.Equal((200L, 2), (used.Bytes, used.Count));
        Assert.Equal("attachment-budget-exceeded", Policy.Refusal(used, File(51), now.AddMinutes(4))!.Code);
        Assert.Null(Policy.Refusal(used, File(50), now.AddMinutes(4)));

        used = AttachmentPolicy.Count(used, File(10), now.AddMinutes(4));
        var refused = Policy.Refusal(used, File(1), now.AddMinutes(6))!;
        Assert.Equal((RejectionKind.Conflict, "attachment-budget-exceeded"), (refused.Kind, refused.Code));
    }

    [Fact]
    public void The_rate_allows_a_few_files_a_minute_then_says_when_to_retry()
    {
        var now = Scenario.T0;
        var used = AttachmentPolicy.Count(AttachmentPolicy.Count(null, File(1), now), File(1), now.AddSeconds(10));

        var refused = Policy.Refusal(used, File(1), now.AddSeconds(20))!;

        Assert.Equal((RejectionKind.TooManyRequests, "too-many-attachments"), (refused.Kind, refused.Code));
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Null(Policy.Refusal(used, File(1), now.AddMinutes(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void An_empty_or_too_large_file_is_invalid(long size)
    {
        Assert.Equal(RejectionKind.Invalid, Policy.Refusal(null, File(size), Scenario.T0)!.Kind);
    }

    [Theory]
    [InlineData("abcdefghij012345", true)]
    [InlineData("abcdefghij01234", false)]
    [InlineData("ABCDEFGHIJ012345", false)]
    [InlineData("abcdefghij012345/..", false)]
    public void An_id_is_16_to_32_lowercase_letters_and_digits(string id, bool valid)
    {
        Assert.Equal(valid, Attachment.IsId(id));
    }
}
