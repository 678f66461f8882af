/// An RFC 4180 CSV parser that takes its input in chunks, so a file is never held whole:
/// quoted fields with embedded delimiters, doubled quotes and line breaks; CRLF or LF.
public struct CSVParser: Sendable {
    /// One parsed record and the (1-based) line of the file on which it starts.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    private let delimiter: Character
    private var field = ""
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false
    private var recordStarted = false

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// Parses the next chunk and returns the records it completed.
    public mutating func feed(_ chunk: String) -> [Record] {
        var done: [Record] = []
        for character in chunk.unicodeScalars {
            consume(character, into: &done)
        }
        return done
    }

    /// Ends the input and returns the last record, if the file did not end with a line break.
    public mutating func finish() -> [Record] {
        var done: [Record] = []
        if recordStarted || !field.isEmpty || !fields.isEmpty {
            endRecord(into: &done)
        }
        return done
    }

    private mutating func consume(_ scalar: Unicode.Scalar, into done: inout [Record]) {
        let character = Character(scalar)
        if pendingCR {
            pendingCR = false
            if character == "\n" { return }
        }
        if inQuotes {
            if character == "\"" {
                inQuotes = false
                quoteJustClosed = true
            } else {
                if character == "\n" || character == "\r" { line += 1 }
                if character == "\r" { pendingCR = true; field.append("\n"); return }
                field.append(character)
            }
            return
        }
        if character == "\"" {
            if quoteJustClosed { field.append("\"") }
            inQuotes = true
            quoteJustClosed = false
            recordStarted = true
            return
        }
        quoteJustClosed = false
        if character == delimiter {
            fields.append(field)
            field = ""
            recordStarted = true
        } else if character == "\n" || character == "\r" {
            if character == "\r" { pendingCR = true }
            endRecord(into: &done)
            line += 1
            recordLine = line
        } else {
            field.append(character)
            recordStarted = true
        }
    }

    private mutating func endRecord(into done: inout [Record]) {
        fields.append(field)
        let isBlank = fields.count == 1 && fields[0].isEmpty && !recordStarted
        if !isBlank {
            done.append(Record(line: recordLine, fields: fields))
        }
        fields = []
        field = ""
        recordStarted = false
        recordLine = line
    }

    /// The delimiter of a file from its first line: tab when it has more tabs than commas.
    public static func delimiter(guessingFrom text: String) -> Character {
        let line = text.prefix { !$0.isNewline }  // "\r\n" is one Character
        return line.filter { $0 == "\t" }.count > line.filter { $0 == "," }.count ? "\t" : ","
    }

    /// Parses a whole text at once.
    public static func parse(_ text: String, delimiter: Character = ",") -> [Record] {
        var parser = CSVParser(delimiter: delimiter)
        var records = parser.feed(text)
        records += parser.finish()
        return records
    }
}
