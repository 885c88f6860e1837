import Testing
@testable import SiolintCore

@Suite struct ByteNameTableTests {
    private static func index(_ table: ByteNameTable, _ name: String) -> Int? {
        var text = name
        return text.withUTF8 { table.index(of: $0) }
    }

    // Longer than the 16 bytes the rewrite flags were packed into and the 24 of the ProxyPass keys.
    private static let long = "ReceiveBufferSizeForTheWorkerParameterTable"
    private static let names = ["P", "proxy", "NoCase", "receivebuffersize", long, "address_ttl", "ünïcode", "{"]

    @Test func exactTableComparesCase() {
        let table = ByteNameTable(Self.names)
        #expect(Self.index(table, "P") == 0)
        #expect(Self.index(table, "p") == nil)
        #expect(Self.index(table, "NoCase") == 2)
        #expect(Self.index(table, "nocase") == nil)
        #expect(Self.index(table, Self.long) == 4)
        #expect(Self.index(table, "") == nil)
    }

    @Test func foldingTableFindsNamesWhateverTheirASCIICase() {
        let table = ByteNameTable(Self.names, ignoringASCIICase: true)
        #expect(Self.index(table, "p") == 0)
        #expect(Self.index(table, "P") == 0)
        #expect(Self.index(table, "PROXY") == 1)
        #expect(Self.index(table, "pRoXy") == 1)
        #expect(Self.index(table, "nocase") == 2)
        #expect(Self.index(table, "NOCASE") == 2)
        #expect(Self.index(table, "ReceiveBufferSize") == 3)
        #expect(Self.index(table, Self.long.lowercased()) == 4)
        #expect(Self.index(table, Self.long.uppercased()) == 4)
        #expect(Self.index(table, "ADDRESS_TTL") == 5)
        #expect(Self.index(table, "ÜNÏCODE") == nil, "only ASCII letters fold, as httpd compares")
        #expect(Self.index(table, "ÜNÏCODE".lowercased()) == 6)
        #expect(Self.index(table, "ünïCODE") == 6)
    }

    @Test func foldingTableMisses() {
        let table = ByteNameTable(Self.names, ignoringASCIICase: true)
        #expect(Self.index(table, "") == nil)
        #expect(Self.index(table, "prox") == nil)
        #expect(Self.index(table, "proxyy") == nil)
        #expect(Self.index(table, "q") == nil)
        #expect(Self.index(table, Self.long + "x") == nil)
        #expect(Self.index(table, String(Self.long.dropLast())) == nil)
        // `_` and DEL differ only in the 0x20 bit, as letters of two cases do; they must not match.
        #expect(Self.index(table, "address\u{7F}ttl") == nil)
        #expect(Self.index(table, "ADDRESS\u{7F}TTL") == nil)
        #expect(Self.index(table, "{") == 7)
        #expect(Self.index(table, "[") == nil, "`[` is `{` without the 0x20 bit, but no letter")
        #expect(Self.index(table, "\u{0}") == nil)
    }

    @Test func namesListedTwiceAreFoundAtTheirFirstPosition() {
        let table = ByteNameTable(["last", "L", "LAST", "l"], ignoringASCIICase: true)
        #expect(Self.index(table, "Last") == 0)
        #expect(Self.index(table, "l") == 1)
        #expect(Self.index(table, "L") == 1)
    }

    @Test func emptyNameIsFoundOnlyWhenListed() {
        #expect(Self.index(ByteNameTable([], ignoringASCIICase: true), "") == nil)
        #expect(Self.index(ByteNameTable([], ignoringASCIICase: true), "a") == nil)
        #expect(Self.index(ByteNameTable(["a", ""], ignoringASCIICase: true), "") == 1)
        #expect(Self.index(ByteNameTable(["a", ""]), "") == 1)
    }
}
