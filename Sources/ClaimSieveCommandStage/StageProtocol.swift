import ClaimSieveCore
import Foundation

/// The wire format between ClaimSieve and a `command` stage: one JSON object per line each way.
/// `docs/stage-protocol.md` is the reader's version of this file; change both together.
enum StageProtocol {
    /// Bumped only when a program written for the old format would misread the new one.
    static let schema = 1

    /// What is written to the program's standard input.
    struct Request: Encodable {
        var id: Int
        var schema: Int
        var document: Document
    }

    /// Only the document of an answer; the envelope is checked before it is decoded.
    private struct Body: Decodable {
        var document: Document?
    }

    /// One request line, newline included. Keys are sorted so that a program's logs and a test's
    /// expectations see the same bytes on every run.
    static func encode(id: Int, document: Document) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8](try encoder.encode(Request(id: id, schema: schema, document: document)))
        bytes.append(0x0A)
        return bytes
    }

    /// Checks an answer line against the request it must answer and returns its document.
    static func decode(_ line: [UInt8], expectedID: Int, request document: Document) throws(ExchangeFailure) -> Document {
        let data = Data(line)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .notJSON(preview: preview(line))
        }
        guard let number = object["id"] as? NSNumber else {
            throw .notJSON(preview: preview(line))
        }
        guard number.doubleValue == Double(expectedID) else {
            throw .wrongID(expected: expectedID, found: number.stringValue)
        }
        if let error = object["error"], !(error is NSNull) {
            let message = (error as? String) ?? "\(error)"
            throw .answeredError(message.isEmpty ? "(no message)" : message)
        }
        let answer: Document
        do {
            guard let decoded = try JSONDecoder().decode(Body.self, from: data).document else {
                throw ExchangeFailure.badDocument("the answer has neither \"document\" nor \"error\"")
            }
            answer = decoded
        } catch let failure as ExchangeFailure {
            throw failure
        } catch let error as DecodingError {
            throw .badDocument(describe(error))
        } catch {
            throw .badDocument("\(error)")
        }
        guard answer.id == document.id else {
            throw .badDocument("the document id changed from \"\(document.id)\" to \"\(answer.id)\"")
        }
        if let failure = answer.failure {
            throw .badDocument("\"failure\" is set (\(failure.reason)); answer {\"id\": N, \"error\": \"...\"} to fail a document")
        }
        try checkClaims(of: answer)
        return answer
    }

    /// Numbers a program may get wrong are checked here, at the border, so that no later stage or
    /// report has to distrust them: indexes in range, scores in [0, 1], cue, speaker and mention
    /// offsets inside the text.
    static func checkClaims(of document: Document) throws(ExchangeFailure) {
        let largest = Int(Int32.max)
        var ids = Set<String>()
        for (index, claim) in document.claims.enumerated() {
            guard (0...largest).contains(claim.block), (0...largest).contains(claim.sentence) else {
                throw .badDocument("claim \(index + 1): \"block\" and \"sentence\" must be whole numbers from 0 to \(largest)")
            }
            if let score = claim.score, !(score.isFinite && score >= 0 && score <= 1) {
                throw .badDocument("claim \(index + 1): \"score\" must be a number from 0 to 1, not \(score)")
            }
            let length = claim.text.utf8.count
            for cue in claim.cues where !(cue.start >= 0 && cue.start < cue.end && cue.end <= length) {
                throw .badDocument("claim \(index + 1): cue \"\(cue.text)\" spans bytes \(cue.start)..<\(cue.end), outside the claim's \(length) bytes")
            }
            // A cue's speaker and the source's mention point into the text the same way.
            var spans: [(what: String, start: Int, end: Int)] = claim.cues.compactMap { cue in
                cue.speaker.map { ("the speaker of cue \"\(cue.text)\"", $0.start, $0.end) }
            }
            if let mention = claim.source?.mention { spans.append(("the source's mention", mention.start, mention.end)) }
            for span in spans where !(span.start >= 0 && span.start < span.end && span.end <= length) {
                throw .badDocument("claim \(index + 1): \(span.what) spans bytes \(span.start)..<\(span.end), outside the claim's \(length) bytes")
            }
            // Offsets must fall between characters: a cut inside a UTF-8 sequence would put half a
            // character (U+FFFD in every report) on each side of the highlight.
            if !claim.cues.isEmpty || !spans.isEmpty {
                let bytes = Array(claim.text.utf8)
                func splits(_ offset: Int) -> Bool { offset < bytes.count && bytes[offset] & 0xC0 == 0x80 }
                for cue in claim.cues where splits(cue.start) || splits(cue.end) {
                    throw .badDocument("claim \(index + 1): cue \"\(cue.text)\" spans bytes \(cue.start)..<\(cue.end), which cuts a UTF-8 character")
                }
                for span in spans where splits(span.start) || splits(span.end) {
                    throw .badDocument("claim \(index + 1): \(span.what) spans bytes \(span.start)..<\(span.end), which cuts a UTF-8 character")
                }
            }
            guard ids.insert(claim.id).inserted else {
                throw .badDocument("claim \(index + 1): the id \"\(claim.id)\" is used twice in this document (ids must be unique within a document)")
            }
        }
    }

    /// The start of a bad line, quoted, for a failure reason that fits on one screen line.
    static func preview(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return "\"\(text)\(line.count > 80 ? "…" : "")\""
    }

    /// A decoding error as a path into the document and what was wrong there.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the answer" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(type)"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
