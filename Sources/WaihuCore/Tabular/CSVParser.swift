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

    /// The most a record may hold, so that a broken or hostile file cannot fill the memory or the store.
    public struct Limits: Sendable, Equatable {
        /// Bytes of one field (a name, an attribute), in UTF-8.
        public var fieldBytes: Int
        /// Fields of one record.
        public var fields: Int
        /// Bytes of one record, all its fields together.
        public var recordBytes: Int

        public init(fieldBytes: Int = 8_192, fields: Int = 512, recordBytes: Int = 65_536) {
            self.fieldBytes = fieldBytes
            self.fields = fields
            self.recordBytes = recordBytes
        }

        public static let standard = Limits()
    }

    /// The first record that went over a limit; what went over was dropped, so the file is to be refused.
    public struct Overflow: Sendable, Equatable {
        public enum Kind: String, Sendable { case field, fields, record }
        public var line: Int
        public var kind: Kind
        public var limit: Int

        public init(line: Int, kind: Kind, limit: Int) {
            self.line = line
            self.kind = kind
            self.limit = limit
        }

        /// The refusal of the file, naming the line and the limit.
        public var error: DomainError {
            switch kind {
            case .field:
                DomainError(.badInput, code: "field_too_long",
                            zh: "第 \(line) 行有字段超过 \(limit) 字节，文件未导入；请检查引号是否成对或拆分该字段",
                            en: "Line \(line) has a field longer than \(limit) bytes; the file was not imported — check that quotes are paired, or shorten the field")
            case .fields:
                DomainError(.badInput, code: "too_many_columns",
                            zh: "第 \(line) 行超过 \(limit) 列，文件未导入", en: "Line \(line) has more than \(limit) columns; the file was not imported")
            case .record:
                DomainError(.badInput, code: "line_too_long",
                            zh: "第 \(line) 行超过 \(limit) 字节，文件未导入；请检查引号是否成对",
                            en: "Line \(line) is longer than \(limit) bytes; the file was not imported — check that quotes are paired")
            }
        }
    }

    public let limits: Limits
    /// Set at the first record over a limit.
    public private(set) var overflow: Overflow?
    private var recordBytes = 0
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

    public init(delimiter: Character = ",", limits: Limits = .standard) {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.limits = limits
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
                if byte == Self.cr { pendingCR = true; append(Self.lf); return }
                append(byte)
            }
            return
        }
        if byte == Self.quote {
            if quoteJustClosed { append(Self.quote) }
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
            append(byte)
            recordStarted = true
        }
    }

    /// Adds a byte to the field unless the field or the record is full (then the overflow is noted).
    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        recordBytes += 1
        if field.count < limits.fieldBytes && recordBytes <= limits.recordBytes {
            field.append(byte)
        } else if overflow == nil {
            overflow = Overflow(line: recordLine, kind: recordBytes > limits.recordBytes ? .record : .field,
                                limit: recordBytes > limits.recordBytes ? limits.recordBytes : limits.fieldBytes)
        }
    }

    private mutating func endField() {
        if fields.count < limits.fields {
            fields.append(String(decoding: field, as: UTF8.self))
        } else if overflow == nil {
            overflow = Overflow(line: recordLine, kind: .fields, limit: limits.fields)
        }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(into done: inout [Record]) {
        endField()
        let isBlank = fields.count == 1 && fields[0].isEmpty && !recordStarted
        if !isBlank {
            done.append(Record(line: recordLine, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
        recordStarted = false
        recordLine = line
    }

    /// The delimiter of a file from its first line: tab when it has more tabs than commas.
    public static func delimiter(guessingFrom text: String) -> Character {
        let line = text.prefix { !$0.isNewline }  // "\r\n" is one Character
        return line.filter { $0 == "\t" }.count > line.filter { $0 == "," }.count ? "\t" : ","
    }

    /// Parses a whole text at once, refusing it when a record goes over the limits.
    public static func records(_ text: String, delimiter: Character = ",", limits: Limits = .standard) throws(DomainError) -> [Record] {
        var parser = CSVParser(delimiter: delimiter, limits: limits)
        var records = parser.feed(text)
        records += parser.finish()
        if let overflow = parser.overflow { throw overflow.error }
        return records
    }

    /// Parses a whole text at once.
    public static func parse(_ text: String, delimiter: Character = ",") -> [Record] {
        var parser = CSVParser(delimiter: delimiter)
        var records = parser.feed(text)
        records += parser.finish()
        return records
    }
}
