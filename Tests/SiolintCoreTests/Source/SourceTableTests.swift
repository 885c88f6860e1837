import Foundation
import Testing
@testable import SiolintCore

/// Locations hold a file id and an offset; `SourceTable` turns them into what users see.
@Suite struct SourceTableTests {
    @Test func eachReadOfAFileHasItsOwnLines() {
        // Two configurations may name different contents with one path (standard input, tests):
        // each read keeps its own line table.
        let first = SourceFile(path: "same.conf", text: "a;\nb;\n")
        let second = SourceFile(path: "same.conf", text: "\n\n\nb;\n")
        #expect(first.fileID != second.fileID)
        #expect(first.location(at: 3).position == (2, 1))
        #expect(second.location(at: 3).position == (4, 1))
        #expect(first.location(at: 3).file == "same.conf" && second.location(at: 3).file == "same.conf")
        // Across reads of one path, locations order by line and column.
        #expect(first.location(at: 3) < second.location(at: 3))
        #expect(!(second.location(at: 3) < first.location(at: 3)))
    }

    @Test func aLocationPlacedByHandShowsItsLineAndColumn() {
        let placed = SiolintCore.SourceLocation(file: "gone.conf", line: 12, column: 7, offset: 40)
        #expect(placed.file == "gone.conf" && placed.line == 12 && placed.column == 7 && placed.offset == 40)
        #expect(placed == SiolintCore.SourceLocation(file: "gone.conf", line: 12, column: 7, offset: 40))
        // A range's end shares its start's file: further offsets stay on the placed line.
        let range = SourceRange(start: placed, end: SiolintCore.SourceLocation(file: "gone.conf", line: 12, column: 10, offset: 43))
        #expect(range.end.line == 12 && range.end.column == 10 && range.end.offset == 43)
    }

    @Test func locationsSurviveAJSONRoundTrip() throws {
        let file = SourceFile(path: "x.conf", text: "server {\n  listen 80;\n}\n")
        let range = file.range(11, 20)
        let decoded = try JSONDecoder().decode(SourceRange.self, from: JSONEncoder().encode(range))
        #expect(decoded.start.position == (2, 3) && decoded.end.position == (2, 12))
        #expect(decoded.file == "x.conf")
    }
}
