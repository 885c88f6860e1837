import Testing
@testable import SiolintCore

/// The sizes of the values a large configuration holds by the hundred thousand. Their layout is
/// chosen for size (see the comments on each type); a field added in the wrong place shows here
/// before it shows in BENCHMARKS.md.
@Suite struct MemoryLayoutTests {
    @Test func parseTreeValues() {
        #expect(MemoryLayout<SiolintCore.SourceLocation>.size == 8)
        #expect(MemoryLayout<SourceRange>.size == 12)
        #expect(MemoryLayout<Word>.stride == 32)
        #expect(MemoryLayout<WordList>.stride == 16)
        #expect(MemoryLayout<Directive>.stride == 80)
    }

    @Test func routedProbeValues() {
        #expect(MemoryLayout<ForwardedHeader>.stride <= 32)
        #expect(MemoryLayout<HopHeaders>.stride <= 64)
        #expect(MemoryLayout<ProbeRequest>.stride <= 32)
    }

    @Test func modelValues() {
        // A provenance's default case is boxed (see `Provenance.defaultValue`): settings were 80 bytes.
        #expect(MemoryLayout<Provenance>.size <= 24)
        #expect(MemoryLayout<Setting<TimeLimit>>.stride <= 48)
        #expect(MemoryLayout<RouteSettings>.stride <= 192)
    }
}
