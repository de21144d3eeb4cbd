using System.Text;
using Asana.Client.Http;

namespace Asana.Client.Tests.Http;

public sealed class AsanaResponseBufferingHandlerTests
{
    [Theory]
    [InlineData("{\"data\": []}", true)]
    [InlineData("{\"data\": [1, 2]", false)]
    [InlineData("{\"data\": \"abc", false)]
    [InlineData("<html>502</html>", false)]
    [InlineData("", false)]
    [InlineData("{} {}", false)]
    public void IsCompleteJson_Body_DetectsTruncation(string body, bool expected) =>
        AsanaResponseBufferingHandler.IsCompleteJson(Encoding.UTF8.GetBytes(body)).Should().Be(expected);
}
