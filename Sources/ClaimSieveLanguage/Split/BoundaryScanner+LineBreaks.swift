/// Line breaks.
///
/// - Two or more line breaks (a blank line) always end a sentence.
/// - A single line break ends a sentence ("features\ncontact manager\nevents"), except a stray
///   one that follows a space and does not precede a capital ("It was a cold \nnight", "400 yd
///   \n( 365.8 m )").
/// - With `joinLineBreaks` (text extracted from PDF) a single line break never ends a sentence
///   ("This is a sentence\ncut off in the middle"), unless the next line is a list item.
///
/// A kept line break is folded into one space when the sentence is written out.
extension BoundaryScanner {
    /// Handles the line break at `i`; returns where scanning resumes.
    mutating func lineBreak(at i: Int) -> Int {
        var j = i
        var breaks = 0
        while j < n {
            let w = b.whitespaceLength(at: j)
            if w == 0 { break }
            if b[j] == SplitterBytes.newline || (b[j] == SplitterBytes.carriageReturn && !(j + 1 < n && b[j + 1] == SplitterBytes.newline)) {
                breaks += 1
            }
            j += w
        }
        guard j < n else { return j }
        if breaks >= 2 {
            cut(at: i)
        } else if startsListItem(at: j) {
            cut(at: i)
        } else if !joinLineBreaks {
            let spaceBefore = i > 0 && (b[i - 1] == SplitterBytes.space || b[i - 1] == SplitterBytes.tab)
            if !spaceBefore || SplitterBytes.isUpper(b[j]) { cut(at: i) }
        }
        lineStart(at: j, afterBreak: true)
        return j
    }
}
