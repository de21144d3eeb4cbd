using Asana.Permissions.Indexing;

namespace Asana.Permissions.Tests.Indexing;

/// <summary>The shared-array list store must behave exactly like one growable list per key, through moves and compactions.</summary>
public sealed class SlicePoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomOperations_MatchOneListPerKey(int seed)
    {
        var random = new Random(seed);
        var pool = new SlicePool();
        var expected = new List<List<int>>();
        for (var step = 0; step < 20_000; step++)
        {
            if (random.Next(200) == 0 || expected.Count == 0)
            {
                var keys = expected.Count + random.Next(1, 8);
                pool.GrowKeys(keys);
                while (expected.Count < keys)
                {
                    expected.Add([]);
                }
            }

            var key = random.Next(expected.Count);
            switch (random.Next(10))
            {
                case < 5:
                    var value = random.Next(50);
                    pool.Add(key, value);
                    expected[key].Add(value);
                    break;
                case < 7:
                    var target = random.Next(50);
                    pool.Remove(key, target).Should().Be(expected[key].Remove(target));
                    break;
                case 7:
                    var first = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(50)).ToArray();
                    var second = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(50)).ToArray();
                    pool.Set(key, first, second);
                    expected[key] = [.. first, .. second];
                    pool[key].ToArray().Should().Equal(expected[key], "Set keeps the order given");
                    break;
                case 8:
                    if (random.Next(20) == 0)
                    {
                        pool.Clear(key);
                        expected[key].Clear();
                    }

                    break;
                default:
                    var extra = new int[random.Next(expected.Count + 1)];
                    for (var k = 0; k < extra.Length; k++)
                    {
                        extra[k] = random.Next(3);
                    }

                    pool.ReserveAdditional(extra);
                    break;
            }

            if (step % 97 == 0)
            {
                for (var k = 0; k < expected.Count; k++)
                {
                    pool.Count(k).Should().Be(expected[k].Count);
                    pool[k].ToArray().Order().Should().Equal(expected[k].Order(), "key {0} at step {1}", k, step);
                }
            }
        }
    }

    [Fact]
    public void BulkReserve_ThenAdds_LaysListsOutWithoutMoving()
    {
        var pool = new SlicePool();
        pool.GrowKeys(3);
        pool.ReserveAdditional([2, 0, 3]);
        pool.Add(0, 1);
        pool.Add(2, 7);
        pool.Add(0, 2);
        pool.Add(2, 8);
        pool.Add(2, 9);
        pool[0].ToArray().Should().Equal(1, 2);
        pool[1].ToArray().Should().BeEmpty();
        pool[2].ToArray().Should().Equal(7, 8, 9);

        // Full lists move on the next add, keeping their contents.
        pool.Add(0, 3);
        pool.Add(1, 4);
        pool[0].ToArray().Should().Equal(1, 2, 3);
        pool[1].ToArray().Should().Equal(4);
        pool[2].ToArray().Should().Equal(7, 8, 9);
    }
}
