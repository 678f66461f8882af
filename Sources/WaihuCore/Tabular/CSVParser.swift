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

    private let delimiter: UInt8
    /// The bytes of the field being read: the special characters are all ASCII, so the UTF-8
    /// bytes can be scanned without decoding characters.
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false
    private var recordStarted = false

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
    }

    /// Parses the next chunk and returns the records it completed.
    public mutating func feed(_ chunk: String) -> [Record] {
        var done: [Record] = []
        var chunk = chunk
        chunk.withUTF8 { bytes in
            for byte in bytes { consume(byte, into: &done) }
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

    @inline(__always)
    private mutating func consume(_ byte: UInt8, into done: inout [Record]) {
        if pendingCR {
            pendingCR = false
            if byte == Self.lf { return }
        }
        if inQuotes {
            if byte == Self.quote {
                inQuotes = false
                quoteJustClosed = true
            } else {
                if byte == Self.lf || byte == Self.cr { line += 1 }
                if byte == Self.cr { pendingCR = true; field.append(Self.lf); return }
                field.append(byte)
            }
            return
        }
        if byte == Self.quote {
            if quoteJustClosed { field.append(Self.quote) }
            inQuotes = true
            quoteJustClosed = false
            recordStarted = true
            return
        }
        quoteJustClosed = false
        if byte == delimiter {
            endField()
            recordStarted = true
        } else if byte == Self.lf || byte == Self.cr {
            if byte == Self.cr { pendingCR = true }
            endRecord(into: &done)
            line += 1
            recordLine = line
        } else {
            field.append(byte)
            recordStarted = true
        }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(into done: inout [Record]) {
        endField()
        let isBlank = fields.count == 1 && fields[0].isEmpty && !recordStarted
        if !isBlank {
            done.append(Record(line: recordLine, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
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
