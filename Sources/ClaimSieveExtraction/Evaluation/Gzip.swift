import CLibXML2
import Foundation

/// Inflates the benchmark's `.html.gz` pages with zlib (which libxml2 links anyway).
enum Gzip {
    static func decompress(_ data: Data) -> Data? {
        data.withUnsafeBytes { raw -> Data? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return Data() }
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard claimsieve_gunzip(base, raw.count, &output, &length) == 0, let output else { return nil }
            defer { free(output) }
            return Data(bytes: output, count: length)
        }
    }
}
